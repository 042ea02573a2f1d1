// @ts-check
/**
 * The Eleventy 3 configuration shared by the two Eleventy baselines of the benchmark
 * (bench/README.md); they differ only in the Markdown library. With `site/` (copied into the
 * input folder by bench/baseline-content.ts) it renders one page per article (articles/*.md,
 * layout article.njk) and, through pagination over collections, a listing page per local day,
 * month, year, topic and place (every article of it, newest first, as Dateline lists them), an
 * index of each of those five, and a home page with the 20 latest articles.
 *
 * Article text is never run as a template (markdownTemplateEngine: false), as in Dateline.
 */

/** @typedef {{ url: string, date: Date, data: Record<string, any> }} Item */

const KINDS = /** @type {const} */ (['days', 'months', 'years', 'tags', 'places']);

/** @param {Item} a @param {Item} b */
const newestFirst = (a, b) => b.date.getTime() - a.date.getTime();

/** Articles: the items with a local day (articles/**.md), newest first. @param {any} api @returns {Item[]} */
const articlesOf = (api) =>
  api
    .getAll()
    .filter((/** @type {Item} */ item) => Array.isArray(item.data.days))
    .sort(newestFirst);

/**
 * Every listing: `{ kind, term, url, title, articles }`, the articles newest first.
 * @param {Item[]} articles
 */
function listingsOf(articles) {
  /** @type {Map<string, { kind: string, term: string, url: string, title: string, articles: Item[] }>} */
  const listings = new Map();
  for (const item of articles) {
    for (const kind of KINDS) {
      for (const term of item.data[kind] ?? []) {
        const url = `/${kind}/${term}/`;
        let listing = listings.get(url);
        if (!listing) {
          const title = kind === 'places' ? (item.data.placeNames?.[term] ?? term) : String(term);
          listing = { kind, term: String(term), url, title, articles: [] };
          listings.set(url, listing);
        }
        listing.articles.push(item);
      }
    }
  }
  return [...listings.values()];
}

/** @param {any} eleventyConfig */
export function configureBaseline(eleventyConfig) {
  eleventyConfig.setQuietMode(true);
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });
  eleventyConfig.addFilter('head', (/** @type {unknown[]} */ list, /** @type {number} */ n) => list.slice(0, n));
  eleventyConfig.addCollection('articles', articlesOf);
  eleventyConfig.addCollection('listings', (/** @type {any} */ api) => listingsOf(articlesOf(api)));
  eleventyConfig.addCollection('termIndexes', (/** @type {any} */ api) => {
    const listings = listingsOf(articlesOf(api));
    return KINDS.map((plural) => ({
      plural,
      terms: listings
        .filter((l) => l.kind === plural)
        .map((l) => ({ url: l.url, title: l.title, count: l.articles.length }))
        .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)),
    }));
  });
  return {
    templateFormats: ['md', 'njk'],
    markdownTemplateEngine: false,
    htmlTemplateEngine: 'njk',
  };
}
