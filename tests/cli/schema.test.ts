import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { FRONT_MATTER_FIELDS } from '../../src/content/article-schema.ts';
import { parseYaml } from '../../src/content/parse-yaml.ts';
import { splitFrontMatter } from '../../src/content/split-front-matter.ts';
import { repoRoot } from '../helpers/site.ts';
import { runDateline } from './run-dateline.ts';

/** The example archive's front matters, as Dateline reads them. */
const examples = readdirSync(join(repoRoot, 'content'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.md'))
  .map((f) => {
    const split = splitFrontMatter(readFileSync(join(repoRoot, 'content', f), 'utf8'));
    if (!split.ok) throw new Error(`${f}: ${split.reason}`);
    return { file: f, data: parseYaml(split.yaml).value as Record<string, unknown> };
  });

/** Enough of the `uri` format for these tests (ajv-formats is not a dependency). */
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

describe('dateline schema', () => {
  let schema: Record<string, unknown>;
  beforeAll(async () => {
    const run = await runDateline(['schema'], repoRoot);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    schema = JSON.parse(run.stdout) as Record<string, unknown>;
  });

  it('prints a JSON Schema 2020-12 of exactly the front-matter fields, closed to others', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:dateline:schema:front-matter',
      title: expect.any(String),
      description: expect.any(String),
      type: 'object',
      additionalProperties: false,
    });
    const properties = schema.properties as Record<string, { description?: string }>;
    expect(Object.keys(properties).sort()).toEqual([...FRONT_MATTER_FIELDS].sort());
    expect(schema.required).toEqual(['title', 'date', 'location']);
    for (const [field, property] of Object.entries(properties)) expect(property.description, field).toEqual(expect.any(String));
  });

  it('accepts every example article and rejects an unknown field, a bad date and a bad status', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).addFormat('uri', URI).compile(schema);
    expect(examples.length).toBeGreaterThan(5);
    for (const { file, data } of examples) expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);

    const valid = { title: 'T', date: '2021-08-22T14:30:00+04:30', location: 'Kabul, Afghanistan' };
    expect(validate(valid)).toBe(true);
    expect(validate({ ...valid, locaton: 'Kabul' })).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'locaton' } }),
    );
    expect(validate({ ...valid, sources: [{ publisher: 'P', pubisher: 'P' }] })).toBe(false);
    expect(validate({ ...valid, date: '22/08/2021' })).toBe(false);
    expect(validate({ ...valid, status: 'live' })).toBe(false);
    expect(validate({ title: 'T', date: '2021-08-22' })).toBe(false);
  });

  it('prints draft-07 for older tools', async () => {
    const run = await runDateline(['schema', '--target', 'draft-07'], repoRoot);
    const draft7 = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(draft7.$schema).toBe('http://json-schema.org/draft-07/schema#');
    // Ajv's default class is draft-07, as in linters such as remark-lint-frontmatter-schema.
    const validate = new Ajv({ allErrors: true }).addFormat('uri', URI).compile(draft7);
    expect(validate(examples[0]!.data)).toBe(true);
    expect(validate({ ...examples[0]!.data, locaton: 'Kabul' })).toBe(false);
  });
});
