/**
 * Dateline's search page (templates/search.njk), on Pagefind's JavaScript API.
 *
 * An ES module: the page loads it with <script type="module">, and the tests import
 * `foldSearchText` from it. Everything else runs only in a page that has the search markup.
 *
 * The state of a search lives in the URL (`?q=…&place=…&year=…&topic=…&lang=…&sort=…`, a key
 * repeated for several values), so searches can be shared and Back and Forward work. Each
 * ticked box narrows the results (every filter must match); the count beside a box is how many
 * reports would remain if it were ticked too, as Pagefind counts them.
 *
 * What a first search downloads is kept small (bench/first-query.ts measures it): Pagefind counts
 * a filter's values only once that filter's part of the index is loaded, so the page loads a
 * filter when its choices are shown. On a large archive the place, topic and language choices
 * start closed (search/index.json says which) and load when opened. Years are counted and
 * filtered by their months, so the index has no year filter to load. The choices' totals, shown
 * before any search, come from search/index.json rather than from loading every filter.
 *
 * search/index.json also lists the bundles to search (a large archive's index is split into
 * bundles of consecutive articles, src/archive/search-bundles.ts) and, after an incremental build,
 * an overlay bundle holding the records of articles changed since those bundles were written, with
 * the older records it supersedes (src/outputs/search/search-layout.ts). The page hides those,
 * takes them out of the counts, and puts the overlay's results in their place by date, so that a
 * reader finds and counts what a clean build shows, in the same order by date.
 */

/**
 * The same folds as the index applies (src/outputs/search/normalise-search-text.ts; a test
 * keeps the two equal): Arabic-script letter variants to the Persian forms, Arabic-Indic and
 * Persian digits to ASCII, zero-width non-joiners to spaces.
 * @type {Readonly<Record<string, string>>}
 */
const SEARCH_FOLDS = {
  ي: 'ی',
  ى: 'ی',
  ك: 'ک',
  '\u200c': ' ',
  ...Object.fromEntries([...'٠١٢٣٤٥٦٧٨٩'].map((d, i) => [d, String(i)])),
  ...Object.fromEntries([...'۰۱۲۳۴۵۶۷۸۹'].map((d, i) => [d, String(i)])),
};

const FOLD_PATTERN = new RegExp(`[${Object.keys(SEARCH_FOLDS).join('')}]`, 'gu');

/** Folds a query as the index folded the text. @param {string} text */
export function foldSearchText(text) {
  return String(text).replace(FOLD_PATTERN, (c) => SEARCH_FOLDS[c] ?? c);
}

/**
 * A word as Pagefind compares words, near enough to name a match: folded as the index folds,
 * lower case, without accents, hyphens or other marks (Pagefind indexes "Pol-e-Hesar" as
 * "polehesar" too). @param {string} word
 */
function comparable(word) {
  return foldSearchText(word)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}\s]/gu, '');
}

/**
 * The spelling of a report's places that a query found it by, when the report's own words do not
 * hold the whole query: some word of the query is not among the words Pagefind highlighted in the
 * excerpt (`excerpt`, with its <mark>s). Then it is the first of `spellings` (the record's
 * `spellings`, joined by " · ") in which every word of the query begins a word, or which, run
 * together, begins with the query run together. Undefined otherwise, or when none does
 * (Pagefind's stemming can match more loosely).
 * @param {string} spellings @param {string} query @param {string} [excerpt]
 */
export function matchedSpelling(spellings, query, excerpt = '') {
  const words = (/** @type {string} */ text) => comparable(text).split(/\s+/u).filter(Boolean);
  const terms = words(query);
  const marked = [...excerpt.matchAll(/<mark>(.*?)<\/mark>/gu)].flatMap((m) => words(m[1] ?? ''));
  const own = (/** @type {string} */ t) => marked.some((w) => w.startsWith(t) || t.startsWith(w));
  if (terms.length === 0 || terms.every(own)) return undefined;
  return spellings.split(' · ').find((spelling) => {
    const parts = words(spelling);
    return terms.every((t) => parts.some((w) => w.startsWith(t))) || parts.join('').startsWith(terms.join(''));
  });
}

/**
 * The place a query names, when it is a place of the archive's place choices (`names`, as the
 * index's place filter holds them) written in any case, with or without accents: "kabul",
 * "Jalalabad" name Kabul and Jalālābād. @param {string} query @param {string[]} names
 */
export function placeNamed(query, names) {
  const wanted = comparable(query).replace(/\s+/gu, ' ').trim();
  return wanted ? names.find((name) => comparable(name).replace(/\s+/gu, ' ').trim() === wanted) : undefined;
}

/**
 * A relevance search for a place's name, the reports filed at the place first: `filed` (the same
 * search narrowed to the place) in their order, then the rest of `all` in theirs. Pagefind's
 * score alone would put a report that names a place often above one filed there.
 * @template {{ id: string }} R @param {R[]} filed @param {R[]} all @returns {R[]}
 */
export function filedFirst(filed, all) {
  const ids = new Set(filed.map((r) => r.id));
  return [...filed, ...all.filter((r) => !ids.has(r.id))];
}

/**
 * Where a result goes in a search by date (searchOrderKey in src/archive/search-bundles.ts): its
 * instant in UTC, then its URL. @param {any} data
 */
const orderKey = (data) => `${data.meta?.utc ?? ''} ${data.url ?? ''}`;

/**
 * Results in relevance order, as pages of their data (`slice`), with each run of equal score put
 * newest first (by the UTC instant, then the URL: searchOrderKey), which Pagefind's order does not
 * keep. A run is loaded whole when a page touches it. Runs never cross index `split` (the end of
 * a place's filed reports, filedFirst).
 * @template {{ score: number, data: () => Promise<any> }} R
 * @param {R[]} results @param {number} [split]
 * @returns {{ total: number, items: R[], slice: (start: number, end: number) => Promise<any[]> }}
 */
export function tiesNewestFirst(results, split = 0) {
  /** @type {Map<R, Promise<any>>} */
  const loaded = new Map();
  const dataOf = (/** @type {R} */ r) => {
    if (!loaded.has(r)) loaded.set(r, r.data());
    return /** @type {Promise<any>} */ (loaded.get(r));
  };
  const tied = (/** @type {number} */ i) => i > 0 && i < results.length && i !== split && results[i]?.score === results[i - 1]?.score;
  return {
    total: results.length,
    items: results,
    async slice(start, end) {
      let from = Math.min(start, results.length);
      while (tied(from)) from--;
      let to = Math.min(end, results.length);
      while (tied(to)) to++;
      const data = await Promise.all(results.slice(from, to).map(dataOf));
      const ordered = [];
      for (let i = 0; i < data.length; ) {
        let j = i + 1;
        while (j < data.length && tied(from + j)) j++;
        ordered.push(...data.slice(i, j).sort((a, b) => (orderKey(a) < orderKey(b) ? 1 : orderKey(a) > orderKey(b) ? -1 : 0)));
        i = j;
      }
      return ordered.slice(start - from, end - from);
    },
  };
}

/**
 * A relevance search for a place's name (placeNamed), the reports filed at the place (their place
 * filter holds it) before those that only mention it. Pagefind's order is kept while the results
 * shown are all filed there; once a page would show one that is not, `narrow()`, the same search
 * narrowed to the place by its filter, gives the filed ones, and the list goes on as filedFirst
 * orders it. The pages shown before were all filed there, in the same order: the start of the new
 * list. So a first page of reports filed there, the usual case, costs no download of the filter.
 * @template {{ id: string, score: number, data: () => Promise<any> }} R
 * @param {R[]} all @param {string} place @param {() => Promise<R[]>} narrow
 * @returns {{ total: number, items: R[], slice: (start: number, end: number) => Promise<any[]> }}
 */
export function filedFirstLazily(all, place, narrow) {
  let list = tiesNewestFirst(all);
  let ordered = false;
  return {
    total: all.length,
    items: all,
    async slice(start, end) {
      if (!ordered) {
        const data = await list.slice(start, end);
        if (data.every((d) => d.filters?.place?.includes(place))) return data;
        const filed = await narrow();
        list = tiesNewestFirst(filedFirst(filed, all), filed.length);
        ordered = true;
      }
      return list.slice(start, end);
    },
  };
}

/** Results shown at first and added by each "show more". */
const PAGE_SIZE = 10;
/** Values shown in a facet before its "show all" button. */
const FACET_LIMIT = 8;
/** How long the index may take to load before the page says it cannot search. */
const LOAD_TIMEOUT_MS = 20_000;
const SORTS = ['relevance', 'newest', 'oldest'];
/** URL keys in URL order, with their Pagefind filter (fieldsets carry data-key and data-filter). */
const URL_KEYS = ['place', 'year', 'topic', 'lang'];
/** The filter that names a bundle of a split index: given to each bundle by Pagefind's mergeFilter, not stored. */
const BUNDLE_FILTER = 'bundle';

/**
 * An excerpt from Pagefind: text (with character references) and <mark> highlights only.
 * Anything else is shown as text.
 */
const SAFE_EXCERPT = /^(?:[^<>&]|&(?:amp|lt|gt|quot|apos|nbsp|#39|#x27|#\d{1,7}|#x[0-9a-f]{1,6});|<\/?mark>)*$/iu;

if (typeof document !== 'undefined' && document.getElementById('search-app')) {
  start().catch((error) => {
    console.error(error);
    showUnavailable();
  });
}

/** @param {string} id */
function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The search page has no #${id}`);
  return el;
}

/** Shows the explanation again, saying that the index could not load (and why, from disk). */
function showUnavailable() {
  const app = document.getElementById('search-app');
  const strings = app ? JSON.parse(app.dataset.strings ?? '{}') : {};
  if (app) app.hidden = true;
  const text = document.getElementById('search-unavailable-text');
  if (text) {
    text.textContent = location.protocol === 'file:' ? strings.errorFile : strings.error;
    text.classList.add('notice');
  }
  const box = document.getElementById('search-unavailable');
  if (box) box.hidden = false;
}

/** @template T @param {Promise<T>} promise @returns {Promise<T>} */
function withTimeout(promise) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error('The search index took too long to load')), LOAD_TIMEOUT_MS)),
  ]);
}

/**
 * Counts per filter value, summed over several searches (as Pagefind sums merged indexes).
 * @param {Record<string, Record<string, number>>[]} counts
 */
function sumCounts(counts) {
  /** @type {Record<string, Record<string, number>>} */
  const sum = {};
  for (const byFilter of counts) {
    for (const [filter, values] of Object.entries(byFilter)) {
      const into = (sum[filter] ??= {});
      for (const [value, n] of Object.entries(values)) into[value] = (into[value] ?? 0) + n;
    }
  }
  return sum;
}

async function start() {
  // search.js sits at the site root beside the pagefind/ bundles, so this works under any base
  // path and from any page URL.
  const siteRoot = new URL('./', import.meta.url);
  const app = byId('search-app');
  /** @type {any} */
  let pagefind;
  /**
   * What the build wrote beside the index (src/outputs/search/write-search-index.ts, SearchData).
   * @type {{ collapsed: string[], totals: Record<string, Record<string, number>>, bundles: string[], overlay?: string, superseded: Record<string, { url: string, filters: Record<string, string[]> }> }}
   */
  let searchData;
  /** The bundles searched one after the other for a sorted search: newest articles first. @type {string[]} */
  let bundles;
  /** The other bundles, merged into the main one: the older articles', then the overlay. @type {string[]} */
  let mergedBundles;
  try {
    const dataLoaded = withTimeout(
      fetch(new URL('search/index.json', siteRoot)).then((r) =>
        r.ok ? r.json() : Promise.reject(new Error(`search/index.json: ${r.status}`)),
      ),
    );
    // The main bundle, whose pagefind.js and WebAssembly search every bundle, is always pagefind/.
    pagefind = await withTimeout(import(new URL('pagefind/pagefind.js', siteRoot).href));
    searchData = await dataLoaded;
    bundles = searchData.bundles.length > 0 ? searchData.bundles : ['pagefind'];
    const mainBundle = bundles[0];
    mergedBundles = [...bundles.slice(1), ...(searchData.overlay ? [searchData.overlay] : [])];
    // noWorker: searching on the page's thread spares a first search the download of Pagefind's
    // web worker (its own copy of the search code, 43 KB); a search at 10,000 articles then holds
    // the page's thread for about 0.1 s.
    await pagefind.options({ noWorker: true, ...(mergedBundles.length > 0 && { mergeFilter: { [BUNDLE_FILTER]: mainBundle } }) });
    await pagefind.init();
    await withTimeout(
      Promise.all(
        mergedBundles.map((bundle) =>
          pagefind.mergeIndex(new URL(`${bundle}/`, siteRoot).href, { mergeFilter: { [BUNDLE_FILTER]: bundle } }),
        ),
      ),
    );
    // Waits for the index to load (or to fail), without loading any of it beyond what init needs.
    await withTimeout(pagefind.preload(null, {}));
  } catch (error) {
    console.error(error);
    showUnavailable();
    return;
  }

  /** @type {Record<string, string>} */
  const strings = JSON.parse(app.dataset.strings ?? '{}');
  const form = /** @type {HTMLFormElement} */ (byId('search-form'));
  const input = /** @type {HTMLInputElement} */ (byId('search-q'));
  const sortSelect = /** @type {HTMLSelectElement} */ (byId('search-sort'));
  const status = byId('search-status');
  const list = byId('search-list');
  const prompt = byId('search-prompt');
  const empty = byId('search-empty');
  const more = /** @type {HTMLButtonElement} */ (byId('search-more'));
  const showing = byId('search-showing');
  const clear = /** @type {HTMLButtonElement} */ (byId('search-clear'));
  const results = byId('search-results');
  const facets = byId('search-facets');
  const refine = /** @type {HTMLDetailsElement} */ (byId('search-refine'));
  const refineChosen = byId('search-refine-chosen');
  // The choices are open beside the results on a wide screen, and behind "Refine" on a narrow
  // one (the first result in view); a reader's opening them stays until the screen widens.
  const wide = window.matchMedia('(min-width: 56rem)');
  refine.open = wide.matches;
  wide.addEventListener('change', () => {
    if (wide.matches) refine.open = true;
  });
  const baseTitle = document.title;
  const uiLang = document.documentElement.lang || 'en';

  // Links as the build wrote them: to `…/index.html` (portable, browses from disk) or to `…/`.
  const builtLink = document.querySelector('.search-browse a')?.getAttribute('href');
  const portable = builtLink ? builtLink.endsWith('index.html') : location.protocol === 'file:' || location.pathname.endsWith('index.html');
  /** A Pagefind result URL (`/2021/08/22/slug/`) as a link from this page. @param {string} url */
  const hrefOf = (url) => {
    const path = url.replace(/^\/+/, '');
    const href = new URL(path.endsWith('/') && portable ? `${path}index.html` : path, siteRoot).href;
    // Only ever a page of this site.
    return href.startsWith(siteRoot.href) ? href : siteRoot.href;
  };

  /** @param {string} template @param {Record<string, string | number>} values */
  const fill = (template, values) => (template ?? '').replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  const plural = new Intl.PluralRules(uiLang);
  /** "1 report", "12 reports". @param {number} n */
  const reports = (n) => fill(plural.select(n) === 'one' ? strings.reportsOne : strings.reportsOther, { count: n.toLocaleString(uiLang) });
  /** @type {Intl.DisplayNames | undefined} */
  let languageNames;
  try {
    languageNames = new Intl.DisplayNames([uiLang], { type: 'language' });
  } catch {
    languageNames = undefined;
  }
  /** @param {string} code */
  const languageName = (code) => {
    try {
      return languageNames?.of(code) ?? code;
    } catch {
      return code;
    }
  };

  /**
   * @typedef {{ li: HTMLLIElement, input: HTMLInputElement, count: HTMLElement, spoken: HTMLElement, total: number }} FacetOption
   * @typedef {{ key: string, filter: string, list: HTMLUListElement, fieldset: HTMLFieldSetElement, toggle: HTMLButtonElement, expanded: boolean, opener: HTMLButtonElement | undefined, open: boolean, options: Map<string, FacetOption>, label: (v: string) => string }} FacetGroup
   * @typedef {{ q: string, sort: string, filters: Record<string, string[]> }} SearchState
   */

  /** @type {FacetGroup[]} */
  const groups = [...app.querySelectorAll('fieldset.search-facet')].map((node) => {
    const fieldset = /** @type {HTMLFieldSetElement} */ (node);
    const key = fieldset.dataset.key ?? '';
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'search-facet-toggle';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.hidden = true;
    fieldset.append(toggle);
    const filter = fieldset.dataset.filter ?? key;
    const list = /** @type {HTMLUListElement} */ (fieldset.querySelector('ul'));
    list.id = `search-${key}-choices`;
    // A closed group: a disclosure button that loads the filter and shows its choices.
    const collapsed = searchData.collapsed.includes(filter);
    const opener = collapsed ? document.createElement('button') : undefined;
    if (opener) {
      opener.type = 'button';
      opener.className = 'search-facet-open';
      opener.setAttribute('aria-controls', list.id);
      fieldset.querySelector('legend')?.after(opener);
    }
    /** @type {FacetGroup} */
    const group = {
      key,
      filter,
      list,
      fieldset,
      toggle,
      expanded: false,
      opener,
      open: !collapsed,
      options: new Map(),
      label: key === 'lang' ? languageName : (v) => v,
    };
    toggle.addEventListener('click', () => {
      group.expanded = !group.expanded;
      layoutGroup(group);
    });
    opener?.addEventListener('click', () => {
      group.open = !group.open;
      layoutGroup(group);
      // Loads the filter and counts it for the search on screen, leaving the results as they are.
      if (group.open) recount().catch(failed);
    });
    const values = Object.entries(countsOf(group, searchData.totals) ?? {});
    values.sort(([a, x], [b, y]) => (key === 'year' ? b.localeCompare(a) : y - x || a.localeCompare(b, uiLang)));
    for (const [value, n] of values) addOption(group, value, n);
    return group;
  });

  /**
   * A group's counts from Pagefind's counts by filter (undefined when that filter is not loaded):
   * a year's count is the sum of its months', exact as an article has one month.
   * @param {FacetGroup} group @param {Record<string, Record<string, number>>} counts
   * @returns {Record<string, number> | undefined}
   */
  function countsOf(group, counts) {
    const byValue = counts[group.filter];
    if (!byValue || group.key !== 'year') return byValue;
    /** @type {Record<string, number>} */
    const years = {};
    for (const [month, n] of Object.entries(byValue)) years[month.slice(0, 4)] = (years[month.slice(0, 4)] ?? 0) + n;
    return years;
  }

  /** The index's months of a year (anything else, or a year it does not have, gets a value no article has). @param {string} year */
  const monthsOf = (year) => {
    const months = /^\d{4}$/.test(year)
      ? Object.keys(searchData.totals[groups.find((g) => g.key === 'year')?.filter ?? ''] ?? {}).filter((m) => m.startsWith(`${year}-`))
      : [];
    return months.length > 0 ? months : ['-'];
  };

  /**
   * Pagefind's filters for a state: every ticked value must match. A year is any of its months.
   * @param {SearchState} state
   * @returns {Record<string, unknown>}
   */
  function filtersOf(state) {
    /** @type {Record<string, unknown>} */
    const filters = {};
    /** @type {Record<string, unknown>[]} */
    const all = [];
    for (const group of groups) {
      const values = state.filters[group.key] ?? [];
      if (values.length === 0) continue;
      if (group.key === 'year') for (const year of values) all.push({ [group.filter]: { any: monthsOf(year) } });
      else filters[group.filter] = values;
    }
    if (all.length > 0) filters.all = all;
    return filters;
  }

  /** @type {Map<string, Promise<unknown>>} */
  const loads = new Map();
  /**
   * Loads the parts of the index that hold these filters (once), so Pagefind counts their values.
   * @param {string[]} filters
   */
  async function loadFilters(filters) {
    const missing = filters.filter((f) => !loads.has(f));
    if (missing.length > 0) {
      const loaded = pagefind.preload(null, { filters: Object.fromEntries(missing.map((f) => [f, []])) });
      for (const f of missing) loads.set(f, loaded);
    }
    await Promise.all(filters.map((f) => loads.get(f)));
  }

  /** @param {FacetGroup} group @param {string} value @param {number} total */
  function addOption(group, value, total) {
    const li = document.createElement('li');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = value;
    box.id = `search-${group.key}-${group.options.size + 1}`;
    const label = document.createElement('label');
    label.htmlFor = box.id;
    const name = document.createElement('span');
    name.className = 'search-facet-name';
    name.textContent = group.label(value);
    const count = document.createElement('span');
    count.className = 'search-facet-count';
    count.setAttribute('aria-hidden', 'true');
    const spoken = document.createElement('span');
    spoken.className = 'visually-hidden';
    label.append(name, ' ', count, spoken);
    li.append(box, ' ', label);
    group.list.append(li);
    group.options.set(value, { li, input: box, count, spoken, total });
  }

  /**
   * Shows the values that matter (any count, ticked, or focused), the first few unless expanded.
   * A closed group shows its button and only its ticked values; a group with a button stays in
   * view (with its button) even when this search has none of its values. @param {FacetGroup} group
   */
  function layoutGroup(group) {
    if (group.opener) {
      group.opener.setAttribute('aria-expanded', String(group.open));
      group.opener.textContent = strings.facetOpen;
      if (!group.open) {
        let ticked = 0;
        for (const option of group.options.values()) {
          option.li.hidden = !option.input.checked;
          if (option.input.checked) ticked += 1;
        }
        group.list.hidden = ticked === 0;
        group.toggle.hidden = true;
        group.fieldset.hidden = group.options.size === 0;
        return;
      }
      group.list.hidden = false;
    }
    const active = document.activeElement;
    let relevant = 0;
    for (const option of group.options.values()) {
      const matters = Number(option.count.dataset.n) > 0 || option.input.checked || option.li.contains(active);
      if (matters) relevant += 1;
      option.li.hidden = !matters || (!group.expanded && relevant > FACET_LIMIT && !option.input.checked && !option.li.contains(active));
    }
    group.fieldset.hidden = group.opener ? group.options.size === 0 : relevant === 0;
    group.toggle.hidden = relevant <= FACET_LIMIT;
    group.toggle.setAttribute('aria-expanded', String(group.expanded));
    group.toggle.textContent = group.expanded ? strings.showFewer : fill(strings.showAll, { count: relevant });
  }

  /** @param {Record<string, Record<string, number>>} counts @param {SearchState} state */
  function updateFacets(counts, state) {
    for (const group of groups) {
      const ticked = new Set(state.filters[group.key]);
      // A value from a shared URL that the index does not have: shown, so it can be unticked.
      for (const value of ticked) if (!group.options.has(value)) addOption(group, value, 0);
      const byValue = countsOf(group, counts);
      for (const [value, option] of group.options) {
        const n = byValue?.[value] ?? 0;
        option.input.checked = ticked.has(value);
        option.count.dataset.n = String(n);
        option.count.textContent = n.toLocaleString(uiLang);
        option.spoken.textContent = `, ${reports(n)}`;
      }
      layoutGroup(group);
    }
    const chosen = groups.reduce((n, g) => n + (state.filters[g.key]?.length ?? 0), 0);
    clear.hidden = chosen === 0;
    refineChosen.textContent = chosen === 0 ? '' : fill(strings.refineChosen ?? '', { count: chosen.toLocaleString(uiLang) });
    facets.hidden = groups.every((g) => g.fieldset.hidden);
    refine.hidden = facets.hidden;
  }

  /** @param {string} search @returns {SearchState} */
  function stateFromUrl(search) {
    const params = new URLSearchParams(search);
    const sort = params.get('sort') ?? 'relevance';
    /** @param {string} key */
    const values = (key) => [
      ...new Set(
        params
          .getAll(key)
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ];
    return {
      q: params.get('q') ?? '',
      sort: SORTS.includes(sort) ? sort : 'relevance',
      filters: Object.fromEntries(URL_KEYS.map((k) => [k, values(k)])),
    };
  }

  /** @returns {SearchState} */
  function stateFromForm() {
    /** @type {Record<string, string[]>} */
    const filters = Object.fromEntries(URL_KEYS.map((k) => [k, []]));
    for (const group of groups) for (const [value, option] of group.options) if (option.input.checked) filters[group.key]?.push(value);
    return { q: input.value.trim(), sort: sortSelect.value, filters };
  }

  /** @param {SearchState} state */
  function urlOf(state) {
    const params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    for (const key of URL_KEYS) for (const value of state.filters[key] ?? []) params.append(key, value);
    if (state.sort !== 'relevance') params.set('sort', state.sort);
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ''}`;
  }

  /** @param {SearchState} state */
  function showState(state) {
    input.value = state.q;
    sortSelect.value = state.sort;
    for (const group of groups) {
      for (const [value, option] of group.options) option.input.checked = state.filters[group.key]?.includes(value) ?? false;
      // A closed group with ticked values (from a shared URL) opens: its filter loads with the search anyway.
      if (state.filters[group.key]?.length) group.open = true;
    }
  }

  /** The ticked values, named, for the count ("Baghlan, 2021"). @param {SearchState} state */
  function filterNames(state) {
    return groups.flatMap((g) => (state.filters[g.key] ?? []).map(g.label)).join(', ');
  }

  let generation = 0;
  /** @type {{ results: ResultList, shown: number, generation: number }} */
  let current = { results: listOf([]), shown: 0, generation: 0 };
  /** The state last run, whose results are on screen. @type {SearchState} */
  let onScreen = { q: '', sort: 'relevance', filters: {} };

  /**
   * Pagefind's search for a state, with the filters whose choices are shown loaded so that it
   * counts them; undefined when there are neither words nor filters.
   * @param {SearchState} state
   */
  async function searchFor(state) {
    const term = foldSearchText(state.q).trim();
    const filters = filtersOf(state);
    if (!term && Object.keys(filters).length === 0) return undefined;
    // Without words, Pagefind has no relevance to order by: newest first.
    /** @type {Record<string, 'asc' | 'desc'> | undefined} */
    const sort = state.sort === 'oldest' ? { date: 'asc' } : state.sort === 'newest' || !term ? { date: 'desc' } : undefined;
    await loadFilters(groups.filter((g) => g.open).map((g) => g.filter));
    const found = await searchBundles(term || null, filters, sort);
    // By relevance, a query that names a place lists the reports filed there first.
    const place = !sort && term ? placeNamed(term, Object.keys(searchData.totals.place ?? {})) : undefined;
    const narrowed = /** @type {string[] | undefined} */ (filters.place);
    if (!place || !found.results.items || narrowed?.includes(place)) return found;
    const narrow = async () =>
      (await searchBundles(term, { ...filters, place: [...(narrowed ?? []), place] }, undefined)).results.items ?? [];
    return { results: filedFirstLazily(found.results.items, place, narrow), filters: found.filters };
  }

  /** Counts the choices again for the search on screen (a group was opened), leaving its results as they are. */
  async function recount() {
    const [mine, state] = [generation, onScreen];
    const search = await searchFor(state);
    if (mine !== generation) return;
    updateFacets(search?.filters ?? searchData.totals, state);
  }

  /** Runs a search for a state and shows it. @param {SearchState} state */
  async function run(state) {
    const mine = ++generation;
    onScreen = state;
    const term = foldSearchText(state.q).trim();
    const filtered = Object.keys(filtersOf(state)).length > 0;
    document.title = state.q ? `“${state.q}” · ${baseTitle}` : baseTitle;
    if (!term && !filtered) {
      current = { results: listOf([]), shown: 0, generation: mine };
      results.removeAttribute('aria-busy');
      list.replaceChildren();
      updateFacets(searchData.totals, state);
      status.textContent = '';
      prompt.hidden = false;
      empty.hidden = true;
      more.hidden = true;
      showing.textContent = '';
      return;
    }
    results.setAttribute('aria-busy', 'true');
    const search = await searchFor(state);
    if (mine !== generation) return;
    current = { results: search?.results ?? listOf([]), shown: 0, generation: mine };
    updateFacets(search?.filters ?? {}, state);
    list.replaceChildren();
    prompt.hidden = true;
    const total = current.results.total;
    empty.hidden = total > 0;
    await showMore(false);
    if (mine !== generation) return;
    results.removeAttribute('aria-busy');
    const values = { reports: reports(total), query: state.q, filters: filterNames(state) };
    if (total === 0) status.textContent = fill(state.q ? strings.noResults : strings.noResultsFiltered, values);
    else status.textContent = fill(state.q ? (filtered ? strings.countForFiltered : strings.countFor) : strings.countFiltered, values);
  }

  /**
   * @typedef {{ id: string, score: number, data: () => Promise<any> }} Result
   * @typedef {{ total: number, items?: Result[], slice: (start: number, end: number) => Promise<any[]> }} ResultList
   *   Results in the order shown: `slice` gives the data of those from `start` to `end`.
   */

  /** Results already in order. @param {Result[]} results @returns {ResultList} */
  function listOf(results) {
    return { total: results.length, items: results, slice: (start, end) => Promise.all(results.slice(start, end).map((r) => r.data())) };
  }

  /**
   * Two lists of results sorted by date, merged by date as they are read: each result's data is
   * loaded (as showing it needs anyway) before it is placed. `desc`: newest first.
   * @param {Result[]} a @param {Result[]} b @param {boolean} desc @returns {ResultList}
   */
  function mergedByDate(a, b, desc) {
    /** @type {Map<Result, Promise<any>>} */
    const loaded = new Map();
    /** @param {Result} r */
    const dataOf = (r) => {
      if (!loaded.has(r)) loaded.set(r, r.data());
      return /** @type {Promise<any>} */ (loaded.get(r));
    };
    /** @type {any[]} */
    const out = [];
    let [i, j] = [0, 0];
    return {
      total: a.length + b.length,
      async slice(start, end) {
        while (out.length < end && (i < a.length || j < b.length)) {
          // The data of as many of each as could be shown next, loaded together.
          const wanted = end - out.length;
          const [nextA, nextB] = await Promise.all([
            Promise.all(a.slice(i, i + wanted).map(dataOf)),
            Promise.all(b.slice(j, j + wanted).map(dataOf)),
          ]);
          let [p, q] = [0, 0];
          while (out.length < end) {
            const [moreA, moreB] = [i + p < a.length, j + q < b.length];
            // Both done, or the next of one is not loaded yet (the next pass loads it).
            if ((!moreA && !moreB) || (moreA && p === nextA.length) || (moreB && q === nextB.length)) break;
            const takeA = !moreB || (moreA && orderKey(nextA[p]) > orderKey(nextB[q]) === desc);
            out.push(takeA ? nextA[p++] : nextB[q++]);
          }
          i += p;
          j += q;
        }
        return out.slice(start, end);
      },
    };
  }

  /**
   * Results with the records the overlay supersedes taken out, and the counts without them. A
   * superseded id is checked against its URL (an id is unique only within its bundle).
   * @param {Result[]} results @param {Record<string, Record<string, number>>} counts
   * @returns {Promise<{ results: Result[], counts: Record<string, Record<string, number>> }>}
   */
  async function withoutSuperseded(results, counts) {
    const superseded = searchData.superseded ?? {};
    const suspects = results.filter((r) => Object.hasOwn(superseded, r.id));
    if (suspects.length === 0) return { results, counts };
    const urls = await Promise.all(suspects.map(async (r) => (await r.data()).url));
    const hidden = new Set(suspects.filter((r, k) => urls[k] === superseded[r.id]?.url));
    if (hidden.size === 0) return { results, counts };
    const left = structuredClone(counts);
    for (const r of hidden) {
      for (const [filter, values] of Object.entries(superseded[r.id]?.filters ?? {})) {
        for (const value of values) if (left[filter]?.[value]) left[filter][value] -= 1;
      }
    }
    return { results: results.filter((r) => !hidden.has(r)), counts: left };
  }

  /**
   * Searches every bundle. Pagefind orders a merged search by score, and the scores of a sorted
   * search are places in each bundle's own order, so sorted results would interleave the bundles.
   * The bundles hold consecutive stretches of time, newest first: a sorted search takes each
   * bundle's results (BUNDLE_FILTER) and puts them one after the other, then places the overlay's
   * among them by date.
   * @param {string | null} term
   * @param {Record<string, unknown>} filters
   * @param {Record<string, 'asc' | 'desc'> | undefined} sort
   * @returns {Promise<{ results: ResultList, filters: Record<string, Record<string, number>> }>}
   */
  async function searchBundles(term, filters, sort) {
    if (!sort || mergedBundles.length === 0) {
      const found = await pagefind.search(term, { filters, ...(sort && { sort }) });
      const live = await withoutSuperseded(found?.results ?? [], found?.filters ?? {});
      return { results: sort ? listOf(live.results) : tiesNewestFirst(live.results), filters: live.counts };
    }
    const ofBundle = (/** @type {string} */ bundle) => pagefind.search(term, { filters: { ...filters, [BUNDLE_FILTER]: [bundle] }, sort });
    const [parts, overlay] = await Promise.all([
      Promise.all(bundles.map(ofBundle)),
      searchData.overlay ? ofBundle(searchData.overlay) : undefined,
    ]);
    if (sort.date === 'asc') parts.reverse();
    const counts = sumCounts([...parts, overlay].map((part) => part?.filters ?? {}));
    const live = await withoutSuperseded(
      parts.flatMap((part) => part?.results ?? []),
      counts,
    );
    const changed = overlay?.results ?? [];
    return {
      results: changed.length > 0 ? mergedByDate(live.results, changed, sort.date !== 'asc') : listOf(live.results),
      filters: live.counts,
    };
  }

  /** Adds the next page of results; with `focus`, moves focus to the first one added. @param {boolean} focus */
  async function showMore(focus) {
    const { results: all, shown, generation: mine } = current;
    const data = await all.slice(shown, shown + PAGE_SIZE);
    if (mine !== generation) return;
    const items = data.map(renderResult);
    list.append(...items);
    current.shown = shown + data.length;
    const left = all.total - current.shown;
    more.hidden = left <= 0;
    more.textContent = fill(strings.more, { count: Math.min(left, PAGE_SIZE) });
    showing.textContent = left > 0 ? fill(strings.showing, { shown: current.shown, total: all.total }) : '';
    if (focus) items[0]?.querySelector('a')?.focus();
  }

  /** One result: headline link, dateline and date, highlighted excerpt, and the spelling it was found by. @param {any} data */
  function renderResult(data) {
    const meta = data.meta ?? {};
    const li = document.createElement('li');
    li.className = 'search-result';
    const heading = document.createElement('h3');
    setLanguage(heading, meta);
    const link = document.createElement('a');
    link.href = hrefOf(String(data.url ?? '/'));
    link.textContent = meta.title || data.url;
    heading.append(link);
    const dateline = document.createElement('p');
    dateline.className = 'dateline';
    if (meta.dateline) {
      const place = document.createElement('span');
      place.className = 'dateline-place';
      place.textContent = meta.dateline;
      dateline.append(place, ' — ');
    }
    const time = document.createElement('time');
    if (meta.datetime) time.dateTime = meta.datetime;
    time.textContent = meta.date ?? '';
    dateline.append(time);
    li.append(heading, dateline);
    if (data.excerpt) {
      const excerpt = document.createElement('p');
      excerpt.className = 'search-excerpt';
      setLanguage(excerpt, meta);
      setExcerpt(excerpt, String(data.excerpt));
      li.append(excerpt);
    }
    // Found by a spelling of its places rather than its own words: say which.
    const spelling = meta.spellings ? matchedSpelling(meta.spellings, onScreen.q, String(data.excerpt ?? '')) : undefined;
    if (spelling) {
      const note = document.createElement('p');
      note.className = 'search-matched';
      const [before = '', after = ''] = String(strings.matched).split('{spelling}');
      note.append(before, Object.assign(document.createElement('bdi'), { textContent: spelling }), after);
      li.append(note);
    }
    return li;
  }

  /** @param {HTMLElement} el @param {Record<string, string>} meta */
  function setLanguage(el, meta) {
    if (meta.lang) el.lang = meta.lang;
    if (meta.dir === 'rtl' || meta.dir === 'ltr') el.dir = meta.dir;
  }

  /** Inserts Pagefind's excerpt as HTML only when it is text and <mark>s; else as text, keeping the highlights. @param {HTMLElement} el @param {string} excerpt */
  function setExcerpt(el, excerpt) {
    if (SAFE_EXCERPT.test(excerpt)) {
      el.innerHTML = excerpt;
      return;
    }
    let marked = false;
    for (const part of excerpt.split(/(<\/?mark>)/u)) {
      if (part === '<mark>' || part === '</mark>') marked = part === '<mark>';
      else if (part && marked) el.append(Object.assign(document.createElement('mark'), { textContent: part }));
      else if (part) el.append(part);
    }
  }

  /** Searches what the form says, recording it in the history (no entry when nothing changed). */
  function commit() {
    const state = stateFromForm();
    const url = urlOf(state);
    if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
    run(state).catch(failed);
  }

  /** @param {unknown} error */
  function failed(error) {
    console.error(error);
    showUnavailable();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    commit();
  });
  sortSelect.addEventListener('change', commit);
  app.addEventListener('change', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target instanceof HTMLInputElement && target.type === 'checkbox') commit();
  });
  clear.addEventListener('click', () => {
    for (const group of groups) for (const option of group.options.values()) option.input.checked = false;
    commit();
    input.focus();
  });
  more.addEventListener('click', () => {
    showMore(true).catch(failed);
  });
  window.addEventListener('popstate', () => {
    const state = stateFromUrl(location.search);
    showState(state);
    run(state).catch(failed);
  });

  byId('search-unavailable').hidden = true;
  app.hidden = false;
  const initial = stateFromUrl(location.search);
  showState(initial);
  // Show the ticked values from the URL before the first results arrive.
  updateFacets(searchData.totals, initial);
  await run(initial);
}
