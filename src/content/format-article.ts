import { Document, isSeq } from 'yaml';
import type { FrontMatter } from './article-schema.ts';

/**
 * An article file's text: `---` YAML front matter, then the Markdown body. The YAML is written
 * by the `yaml` package (1.2 core schema, as it is read back), so titles with colons, quotes or
 * `#` are quoted where needed; fields keep the order given; `tags` are written inline, as in the
 * example articles.
 */
export function formatArticle(frontMatter: FrontMatter, body: string): string {
  const fields = Object.fromEntries(Object.entries(frontMatter).filter(([, value]) => value !== undefined));
  const doc = new Document(fields, { version: '1.2', schema: 'core' });
  const tags = doc.get('tags', true);
  if (isSeq(tags)) tags.flow = true;
  // lineWidth 0: never fold a long headline or summary over several lines.
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const text = body.trim();
  return `---\n${yaml}---\n${text === '' ? '' : `${text}\n`}`;
}
