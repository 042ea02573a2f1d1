import slugify from '@sindresorhus/slugify';
import type { ArticlePage, SiteView } from './archive.ts';

/** A ready-made citation of one article. */
export interface ArticleCitation {
  /** Plain text in a common news style: `Title. Publisher, 22 August 2021. https://…/`. */
  text: string;
  /** One biblatex `@online` entry, UTF-8 (for biber), ending in a newline. */
  bibtex: string;
}

/**
 * How to cite an article, as plain text and as a biblatex entry. Pure and deterministic: it
 * uses only the model (the title, `site.publisher`, the article's local day and its permanent
 * URL `article.canonical`), never the build date, so rebuilding never changes a citation and
 * there is no "Accessed" date.
 *
 * - `text`: the authors first when there are any (`Jane Doe and Ahmad Shah.`), then `Resistance holds three Andarab districts as Taliban issue Panjshir ultimatum.
 *   Dateline, 22 August 2021. https://dateline.example.org/2021/08/22/andarab-resistance/` — no
 *   full stop is added after a title that already ends in `.`, `?` or `!`. It is plain text:
 *   print it escaped (Nunjucks autoescape), never with `| safe`.
 * - `bibtex`: `@online{dateline-2021-08-22-andarab-resistance, title = {{…}}, organization =
 *   {…}, date = {2021-08-22}, url = {…}, langid = {english}}`, one field a line. The key is
 *   ASCII (`[a-z0-9-]`): the publisher, transliterated, then the URL's date and slug. The title
 *   is braced twice so styles that change case keep the headline's proper nouns ("Kabul", "US").
 *   The ten TeX specials `{ } \ # $ % & ~ _ ^` in the title and organization are escaped;
 *   other text, Persian included, is kept as UTF-8. `date` is the day in the article's own zone
 *   (the day of its URL). `langid` is the babel/polyglossia name of the article's language
 *   (`fa` → `persian`); it is left out for a language without a known name.
 */
export function citeArticle(article: ArticlePage, site: SiteView): ArticleCitation {
  const title = oneLine(article.title);
  const publisher = oneLine(site.publisher);
  const day = article.date.datetime.slice(0, 10);

  const names = article.authors.map((a) => oneLine(a.name));
  const byline = names.length ? new Intl.ListFormat(site.lang, { type: 'conjunction' }).format(names) : '';
  const text = [
    byline ? `${byline}${/[.?!…]$/u.test(byline) ? '' : '.'}` : '',
    `${title}${/[.?!…]$/u.test(title) ? '' : '.'}`,
    publisher ? `${publisher},` : '',
    `${oneLine(article.date.day)}.`,
    article.canonical,
  ]
    .filter(Boolean)
    .join(' ');

  const fields: [string, string][] = [
    // Each name braced: a literal name, never split into a first and a last (Ahmad Shah Massoud).
    ...(names.length ? [['author', names.map((n) => `{${escapeBibtex(n)}}`).join(' and ')] as [string, string]] : []),
    ['title', `{${escapeBibtex(title)}}`],
    ...(publisher ? [['organization', escapeBibtex(publisher)] as [string, string]] : []),
    ['date', day],
    ['url', verbatimUrl(article.canonical)],
    ...(langid(article.lang) ? [['langid', langid(article.lang)!] as [string, string]] : []),
  ];
  const bibtex = `@online{${citationKey(article, site)},\n${fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n')}\n}\n`;
  return { text, bibtex };
}

/** `dateline-2021-08-22-andarab-resistance`: the publisher, then the URL's segments; `[a-z0-9-]` only. */
export function citationKey(article: Pick<ArticlePage, 'url'>, site: Pick<SiteView, 'publisher'>): string {
  const ascii = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const prefix = ascii(slugify(site.publisher, { decamelize: false })) || 'article';
  const rest = ascii(article.url.split('/').filter(Boolean).join('-'));
  return rest ? `${prefix}-${rest}` : prefix;
}

const TEX_SPECIALS: Record<string, string> = {
  '{': '\\{',
  '}': '\\}',
  '\\': '\\textbackslash{}',
  '#': '\\#',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  '~': '\\textasciitilde{}',
  _: '\\_',
  '^': '\\textasciicircum{}',
};

/** Escapes the ten TeX special characters, in one pass (so the braces it writes stay as they are). */
export function escapeBibtex(value: string): string {
  return value.replace(/[{}\\#$%&~_^]/g, (c) => TEX_SPECIALS[c]!);
}

/** `url` is a verbatim field: nothing is escaped there, but braces and backslashes must not appear. */
function verbatimUrl(url: string): string {
  return url.replace(/[{}\\\s]/g, (c) => encodeURIComponent(c));
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** BCP 47 language → babel/polyglossia language name, as biblatex's `langid` expects. */
const LANGIDS: Record<string, string> = {
  en: 'english',
  'en-gb': 'british',
  'en-us': 'american',
  'en-au': 'australian',
  'en-ca': 'canadian',
  'en-nz': 'newzealand',
  fa: 'persian',
  ps: 'pashto',
  ar: 'arabic',
  ur: 'urdu',
  hi: 'hindi',
  uz: 'uzbek',
  tr: 'turkish',
  ru: 'russian',
  uk: 'ukrainian',
  de: 'ngerman',
  fr: 'french',
  es: 'spanish',
  pt: 'portuguese',
  'pt-br': 'brazilian',
  it: 'italian',
  nl: 'dutch',
  pl: 'polish',
  sv: 'swedish',
  nb: 'norsk',
  da: 'danish',
  fi: 'finnish',
  el: 'greek',
  he: 'hebrew',
  zh: 'chinese',
  ja: 'japanese',
  ko: 'korean',
};

function langid(lang: string): string | undefined {
  const tag = lang.toLowerCase();
  return LANGIDS[tag] ?? LANGIDS[tag.split('-')[0]!];
}
