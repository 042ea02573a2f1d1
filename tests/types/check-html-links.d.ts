// check-html-links 0.2.4 names a types file it does not ship; these are its own types
// (dist-types/types/main.d.ts), for the one function the link test calls.
declare module 'check-html-links' {
  export interface Usage {
    attribute: string;
    value: string;
    anchor: string;
    file: string;
    line: number;
    character: number;
  }
  export interface LinkError {
    filePath: string;
    onlyAnchorMissing: boolean;
    usage: Usage[];
  }
  /** Checks every href, src and srcset (and #anchor) in the folder's HTML files against its files and ids. */
  export function validateFolder(
    rootDir: string,
    options?: { ignoreLinkPatterns?: string[]; validateExternals?: boolean; absoluteBaseUrl?: string },
  ): Promise<LinkError[]>;
}
