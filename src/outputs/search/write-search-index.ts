import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { Archive } from '../../archive/archive.ts';
import { searchRecords } from './search-records.ts';

/** Where the search bundle goes, beside the pages. */
export const SEARCH_BUNDLE = 'pagefind';

/**
 * Writes the Pagefind index of the archive's published articles into `<dir>/pagefind/`.
 * One index for every language (forceLanguage), so a Dari spelling finds an English report and
 * the other way round; the language is a filter instead. Records come from the model, so no
 * page is parsed again and list pages are never indexed.
 */
export async function writeSearchIndex(archive: Archive, dir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: archive.site.lang.split('-')[0], keepIndexUrl: false });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    for (const record of searchRecords(archive)) {
      const added = await index.addCustomRecord(record);
      if (added.errors.length) throw new Error(`Pagefind could not index ${record.url}: ${added.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: join(dir, SEARCH_BUNDLE) });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    const files = await index.getFiles();
    return files.files.length;
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}
