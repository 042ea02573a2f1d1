// Eleventy 3 ships JavaScript without type declarations; we use only its programmatic API.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input: string, output: string, options: { quietMode?: boolean; configPath?: string | false; config?: (config: any) => void | Promise<void> });
    disableLogger(): void;
    write(): Promise<unknown>;
  }
}
