/**
 * The attributes that hold URLs, by element: the table Eleventy's HTML transformer uses
 * (@11ty/posthtml-urls), less `meta content` (Dateline writes no refresh), with `srcset`
 * and `ping` as lists.
 */
type UrlKind = 'one' | 'srcset' | 'list';
const URL_ATTRIBUTES = new Map<string, ReadonlyMap<string, UrlKind>>(
  Object.entries({
    a: { href: 'one', ping: 'list' },
    area: { href: 'one', ping: 'list' },
    audio: { src: 'one' },
    base: { href: 'one' },
    blockquote: { cite: 'one' },
    button: { formaction: 'one' },
    del: { cite: 'one' },
    embed: { src: 'one' },
    form: { action: 'one' },
    iframe: { src: 'one' },
    img: { src: 'one', srcset: 'srcset' },
    input: { formaction: 'one', src: 'one' },
    ins: { cite: 'one' },
    link: { href: 'one' },
    object: { data: 'one' },
    q: { cite: 'one' },
    script: { src: 'one' },
    source: { src: 'one', srcset: 'srcset' },
    track: { src: 'one' },
    video: { poster: 'one', src: 'one' },
  } satisfies Record<string, Record<string, UrlKind>>).map(([tag, attributes]) => [tag, new Map(Object.entries(attributes))]),
);

/** Elements whose content is text up to their end tag, never markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/** Lower-case names by their length: what `nameAt` looks a name up in. */
function byLength(names: Iterable<string>): string[][] {
  const lists: string[][] = [];
  for (const name of names) (lists[name.length] ??= []).push(name);
  return lists;
}

/** The elements the scan looks into: those with URL attributes and the raw-text ones. */
const TAG_NAMES = byLength(new Set([...URL_ATTRIBUTES.keys(), ...RAW_TEXT]));
/** The names of each element's URL attributes. */
const ATTRIBUTE_NAMES = new Map([...URL_ATTRIBUTES].map(([tag, kinds]) => [tag, byLength(kinds.keys())]));

/**
 * Which of `names` (lower-case letters) `html` has from `start` to `end`, in any case. Pages
 * are mostly two-byte strings (a Dari word is enough), whose slices are lower-cased slowly:
 * slicing and lower-casing every tag's name took more than half of the scan.
 */
function nameAt(html: string, start: number, end: number, names: readonly (readonly string[] | undefined)[]): string | undefined {
  const list = names[end - start];
  if (!list) return undefined;
  next: for (const name of list) {
    for (let k = 0; k < name.length; k++) if ((html.charCodeAt(start + k) | 32) !== name.charCodeAt(k)) continue next;
    return name;
  }
  return undefined;
}

/** Whitespace as a regular expression's `\s` takes it (the scan's rules are those it had as one). */
function isSpace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff;
}

/** The end tag of each raw-text element (`</script`, any case). */
const rawTextEnds = new Map<string, RegExp>();

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
/** A letter, digit or `-`: what a tag name is made of here. */
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 45;

/** What `scanAttribute` found: where the attribute's name and value are, and where the scan goes on. */
const found = { nameStart: 0, nameEnd: 0, valueStart: -1, valueEnd: -1, quoted: false, next: 0 };

/**
 * One attribute from `from`, or the tag's end (true), by the HTML tokenizer's rules: a name runs
 * to whitespace, `/`, `>` or `=` (and may start with `=`); a value is double-quoted,
 * single-quoted (to the next such quote, wherever it is), or bare up to whitespace or `>`.
 * Undefined at the end of the text. What it found is left in `found` (no object per attribute:
 * a page has a few hundred).
 */
function scanAttribute(html: string, from: number): boolean | undefined {
  const length = html.length;
  let j = from;
  let c = 0;
  while (j < length && (isSpace((c = html.charCodeAt(j))) || c === 47)) j++;
  if (j >= length) return undefined;
  if (c === 62) {
    found.next = j + 1;
    return true;
  }
  found.nameStart = j;
  j++;
  while (j < length && !isSpace((c = html.charCodeAt(j))) && c !== 47 && c !== 62 && c !== 61) j++;
  found.nameEnd = j;
  found.valueStart = -1;
  found.next = j;
  // `=` and a value; without a value, the `=` is not taken (it starts the next name).
  let k = j;
  while (k < length && isSpace(html.charCodeAt(k))) k++;
  if (k >= length || html.charCodeAt(k) !== 61) return false;
  k++;
  while (k < length && isSpace(html.charCodeAt(k))) k++;
  if (k >= length) return false;
  c = html.charCodeAt(k);
  if (c === 34 || c === 39) {
    const close = html.indexOf(c === 34 ? '"' : "'", k + 1);
    if (close !== -1) {
      found.valueStart = k + 1;
      found.valueEnd = close;
      found.quoted = true;
      found.next = close + 1;
      return false;
    }
  } else if (c === 62) return false;
  // Bare: up to whitespace or `>` (an unclosed quote is part of it).
  let e = k + 1;
  while (e < length && !isSpace((c = html.charCodeAt(e))) && c !== 62) e++;
  found.valueStart = k;
  found.valueEnd = e;
  found.quoted = false;
  found.next = e;
  return false;
}

/**
 * Rewrites every URL in a URL attribute of an HTML page through `map`, changing nothing else:
 * the page is scanned as an HTML tokenizer would (comments, raw-text elements like `<script>`
 * skipped, quoted values), not parsed and serialised again, so the rest stays byte for byte.
 * Attribute values are passed as written (entities not decoded), as Eleventy's transformer did.
 * The scan reads character codes and allocates nothing but the values of URL attributes.
 */
export function rewriteUrls(html: string, map: (url: string) => string): string {
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  const length = html.length;
  while ((i = html.indexOf('<', i)) !== -1) {
    const first = html.charCodeAt(i + 1);
    if (first === 33 && html.startsWith('<!--', i)) {
      // `<!-->` and `<!--->` are whole (empty) comments to an HTML parser.
      const short = html.startsWith('<!-->', i) ? 5 : html.startsWith('<!--->', i) ? 6 : 0;
      const end = short ? i + short - 3 : html.indexOf('-->', i + 4);
      i = end === -1 ? length : end + 3;
      continue;
    }
    if (!isLetter(first)) {
      i++;
      continue;
    }
    let nameEnd = i + 2;
    while (nameEnd < length && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const tag = nameAt(html, i + 1, nameEnd, TAG_NAMES);
    const wanted = tag === undefined ? undefined : URL_ATTRIBUTES.get(tag);
    const attributes = tag === undefined ? undefined : ATTRIBUTE_NAMES.get(tag);
    let end = length;
    let j = nameEnd;
    let step: boolean | undefined;
    while ((step = scanAttribute(html, j)) !== undefined) {
      j = found.next;
      if (step) {
        end = j;
        break;
      }
      if (!wanted || !attributes || found.valueStart === -1) continue;
      const name = nameAt(html, found.nameStart, found.nameEnd, attributes);
      const kind = name === undefined ? undefined : wanted.get(name);
      if (!kind) continue;
      const { valueStart: start, valueEnd: stop, quoted } = found;
      const value = html.slice(start, stop);
      const next = kind === 'one' ? map(value) : kind === 'list' ? mapList(value, map) : mapSrcset(value, map);
      if (next !== value) {
        parts.push(html.slice(copied, start), quoted ? next : quoteBare(next));
        copied = stop;
      }
    }
    i = end;
    if (tag !== undefined && RAW_TEXT.has(tag)) {
      let close = rawTextEnds.get(tag);
      if (!close) rawTextEnds.set(tag, (close = new RegExp(`</${tag}`, 'gi')));
      close.lastIndex = i;
      i = close.test(html) ? close.lastIndex - tag.length - 2 : length;
    }
  }
  if (copied === 0) return html;
  parts.push(html.slice(copied));
  return parts.join('');
}

function mapList(value: string, map: (url: string) => string): string {
  return value
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)
    .map(map)
    .join(', ');
}

function mapSrcset(value: string, map: (url: string) => string): string {
  return value
    .split(/,(?=\s|$)|,(?=[^\s])/)
    .map((c) => c.trim())
    .filter(Boolean)
    .map((candidate) => {
      const [url, ...descriptors] = candidate.split(/\s+/);
      return [map(url!), ...descriptors].join(' ');
    })
    .join(', ');
}

/** A bare value that needs quotes once rewritten. */
function quoteBare(value: string): string {
  return /^[^\s"'=<>`]+$/.test(value) ? value : `"${value.replace(/"/g, '&quot;')}"`;
}
