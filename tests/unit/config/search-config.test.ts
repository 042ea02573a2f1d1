import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_FACETS_COLLAPSED_ABOVE,
  DEFAULT_OVERLAY_MAX,
  DEFAULT_SPLIT_ABOVE,
  siteConfigSchema,
} from '../../../src/config/site-config.ts';
import { readConfig } from '../../../src/pipeline/read-project.ts';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Reads `dateline.yaml` with this text, as a build does. */
async function configOf(yaml: string) {
  const root = await mkdtemp(join(tmpdir(), 'dateline-config-'));
  temps.push(root);
  await writeFile(join(root, 'dateline.yaml'), yaml);
  return readConfig(root);
}

describe('the search setting of dateline.yaml', () => {
  it('is on by default, with one index up to the default threshold', () => {
    expect(siteConfigSchema.parse({}).search).toEqual({
      enabled: true,
      split_above: DEFAULT_SPLIT_ABOVE,
      facets_collapsed_above: DEFAULT_FACETS_COLLAPSED_ABOVE,
      overlay_max: DEFAULT_OVERLAY_MAX,
    });
  });

  it('turns search off with `search: false` or `enabled: false`, and sets the threshold', async () => {
    expect((await configOf('search: false\n')).config.search).toEqual({
      enabled: false,
      split_above: DEFAULT_SPLIT_ABOVE,
      facets_collapsed_above: DEFAULT_FACETS_COLLAPSED_ABOVE,
      overlay_max: DEFAULT_OVERLAY_MAX,
    });
    expect((await configOf('search:\n  enabled: false\n')).config.search.enabled).toBe(false);
    expect((await configOf('search:\n  split_above: 2000\n')).config.search).toEqual({
      enabled: true,
      split_above: 2000,
      facets_collapsed_above: DEFAULT_FACETS_COLLAPSED_ABOVE,
      overlay_max: DEFAULT_OVERLAY_MAX,
    });
    expect((await configOf('search:\n  facets_collapsed_above: 0\n')).config.search.facets_collapsed_above).toBe(0);
  });

  it('reports a wrong value or an unknown key at its line, like the other fields', async () => {
    const { messages } = await configOf('title: T\nsearch:\n  split_above: 0\n  enabeld: false\n');
    expect(messages.map((m) => [m.line, m.ruleId, m.reason, m.fix])).toEqual([
      [3, 'invalid-config', '`search.split_above` must be at least 1, not 0.', undefined],
      [4, 'unknown-field', 'Unknown field `search.enabeld`.', expect.stringMatching(/`enabled`/)],
    ]);
    const wrongType = await configOf('search: sometimes\n');
    expect(wrongType.messages.map((m) => m.reason)).toEqual(['`search` must be a set of fields, not text.']);
  });
});

describe('the site’s zone', () => {
  it('is spelt as the IANA database spells it, whatever the case it is written in', async () => {
    const { config, messages } = await configOf('timezone: asia/kabul\n');
    expect(messages).toEqual([]);
    expect(config.timezone).toBe('Asia/Kabul');
    expect(siteConfigSchema.parse({}).timezone).toBe('UTC');
  });
});
