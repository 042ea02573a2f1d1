import type { RenderedBody } from './render-markdown.ts';

/**
 * The rendered bodies of a build's articles, by body key (ArticlePage.bodyKey). Bodies are kept
 * out of the model, whose size then does not grow with theirs: an output that prints a body (an
 * article page, a feed entry, a search record) takes it from here when it is written.
 */
export interface Bodies {
  get(key: string): RenderedBody;
}

/** Bodies held in memory (a build without a cache folder, and the tests). */
export function bodiesInMemory(bodies: ReadonlyMap<string, RenderedBody>): Bodies {
  return {
    get(key) {
      const body = bodies.get(key);
      if (!body) throw new Error(`No rendered body ${key}`);
      return body;
    },
  };
}
