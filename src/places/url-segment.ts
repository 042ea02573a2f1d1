import { createHash } from 'node:crypto';
import slugify from '@sindresorhus/slugify';

/**
 * A URL segment for a name: its slug (`National Resistance Front` → `national-resistance-front`),
 * or, for a name with no Latin transliteration (`北京`), a short stable hash of it, so two such
 * names never share a page.
 */
export function urlSegment(name: string, prefix: string): string {
  const slug = slugify(name);
  return slug || `${prefix}-${createHash('sha256').update(name.normalize('NFC').trim()).digest('hex').slice(0, 10)}`;
}
