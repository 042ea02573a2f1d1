import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GazetteerFile, loadGazetteer } from '../../../src/places/load-gazetteer.ts';
import type { Message } from '../../../src/report/message.ts';

function one(messages: readonly Message[], ruleId: string): Message {
  const found = messages.filter((m) => m.ruleId === ruleId);
  expect(found, JSON.stringify(messages, null, 2)).toHaveLength(1);
  return found[0]!;
}

const load = (...files: GazetteerFile[]) => loadGazetteer(files);
const COUNTRY = 'xx:\n  type: country\n  names: {en: Exland}\n';

describe('loadGazetteer', () => {
  it('loads the example archive’s places without messages', () => {
    const root = join(import.meta.dirname, '../../..');
    const files = ['content/places/af.yaml', 'content/places/world.yaml'].map((file) => ({
      file,
      text: readFileSync(join(root, file), 'utf8'),
    }));
    const { gazetteer, messages } = loadGazetteer(files);
    expect(messages).toEqual([]);
    expect(gazetteer.get('af/baghlan/pol-e-hesar')?.within).toEqual(['af/baghlan/andarab']);
    expect(gazetteer.get('us/louisiana/port-fourchon')?.parent).toBe('us/louisiana');
  });

  it('loads a small valid file, deriving the parent from the id', () => {
    const { gazetteer, messages } = load({
      file: 'places/x.yaml',
      text: `${COUNTRY}xx/yy:\n  type: city\n  names: {en: Why, fa: وای}\n  lat: 1.5\n  lon: -2\n`,
    });
    expect(messages).toEqual([]);
    expect(gazetteer.get('xx/yy')).toMatchObject({
      parent: 'xx',
      name: 'Why',
      names: { en: 'Why', fa: 'وای' },
      lat: 1.5,
      lon: -2,
      known: true,
    });
  });

  it('reports a parent that does not exist at the place’s id', () => {
    const { messages } = load({ file: 'places/x.yaml', text: `${COUNTRY}xx/yy:\n  type: city\n  parent: xx/zz\n  names: {en: Why}\n` });
    const m = one(messages, 'unknown-place-reference');
    expect(m).toMatchObject({ file: 'places/x.yaml', severity: 'error', line: 4, column: 1 });
    expect(m.reason).toContain('`xx/yy`');
    expect(m.reason).toContain('`xx/zz`');
  });

  it('reports an implied parent that does not exist', () => {
    const { messages } = load({ file: 'places/x.yaml', text: 'xx/yy:\n  type: city\n  names: {en: Why}\n' });
    const m = one(messages, 'unknown-place-reference');
    expect(m).toMatchObject({ severity: 'error', line: 1, column: 1 });
    expect(m.reason).toContain('`xx`');
  });

  it('reports a region in within that does not exist', () => {
    const { messages } = load({ file: 'places/x.yaml', text: COUNTRY.replace('names:', 'within: [nowhere]\n  names:') });
    expect(one(messages, 'unknown-place-reference').reason).toContain('`nowhere`');
  });

  it('reports an id that is not lowercase path segments (AF/Bad Id) and skips the place', () => {
    const { gazetteer, messages } = load({ file: 'places/x.yaml', text: `${COUNTRY}AF/Bad Id:\n  type: country\n  names: {en: Bad}\n` });
    const m = one(messages, 'invalid-place-id');
    expect(m).toMatchObject({ file: 'places/x.yaml', severity: 'error', line: 4, column: 1 });
    expect(m.reason).toContain('`AF/Bad Id`');
    expect(gazetteer.get('AF/Bad Id')).toBeUndefined();
    expect(gazetteer.size).toBe(1);
  });

  it('reports a place with lat but no lon', () => {
    const { messages } = load({ file: 'places/x.yaml', text: `${COUNTRY}  lat: 10\n` });
    const m = one(messages, 'invalid-field');
    expect(m).toMatchObject({ severity: 'error', line: 1, column: 1 });
    expect(m.reason).toContain('`xx`');
    expect(m.reason).toContain('`lat`');
    expect(m.reason).toContain('`lon`');
  });

  it('reports an unknown field at its key, suggesting the known one', () => {
    const { messages } = load({ file: 'places/x.yaml', text: `${COUNTRY}  aliasses: [Ex]\n` });
    const m = one(messages, 'unknown-field');
    expect(m).toMatchObject({ severity: 'error', line: 4, column: 3 });
    expect(m.reason).toContain('`xx`');
    expect(m.reason).toContain('`aliasses`');
    expect(m.fix).toContain('`aliases`');
  });

  it('reports an unknown place type with the allowed ones', () => {
    const { messages } = load({ file: 'places/x.yaml', text: 'xx:\n  type: planet\n  names: {en: Exland}\n' });
    const m = one(messages, 'invalid-field');
    expect(m).toMatchObject({ line: 2, column: 9 });
    expect(m.reason).toContain('`type`');
    expect(m.fix).toContain('country');
  });

  it('reports a place without an English name', () => {
    const { messages } = load({ file: 'places/x.yaml', text: 'xx:\n  type: country\n  names: {fr: Exland}\n' });
    expect(one(messages, 'missing-field').reason).toContain('names.en');
  });

  it('reports an id defined in two files, pointing at both', () => {
    const { gazetteer, messages } = load(
      { file: 'places/a.yaml', text: COUNTRY },
      {
        file: 'places/b.yaml',
        text: '# another file\nyy:\n  type: country\n  names: {en: Why}\nxx:\n  type: country\n  names: {en: Exland again}\n',
      },
    );
    const m = one(messages, 'duplicate-place');
    expect(m).toMatchObject({ file: 'places/b.yaml', severity: 'error', line: 5, column: 1 });
    expect(m.reason).toContain('`xx`');
    expect(m.reason).toContain('places/a.yaml:1');
    expect(gazetteer.get('xx')?.name).toBe('Exland');
  });

  it('reports a YAML syntax error (a repeated key) at its line and column', () => {
    const { messages } = load({ file: 'places/x.yaml', text: `${COUNTRY}  names: {en: Again}\n` });
    const m = one(messages, 'yaml-syntax');
    expect(m).toMatchObject({ file: 'places/x.yaml', severity: 'error', line: 4, column: 3 });
    expect(m.reason).toMatch(/unique/i);
  });

  it('reports a file that is a list, not a mapping of ids', () => {
    const { messages } = load({ file: 'places/x.yaml', text: '- xx\n' });
    expect(one(messages, 'invalid-gazetteer')).toMatchObject({ severity: 'error', line: 1, column: 1 });
  });

  it('reports a parent chain that loops back on itself', () => {
    const { messages } = load({
      file: 'places/x.yaml',
      text: `${COUNTRY}xx/a:\n  type: city\n  parent: xx/b\n  names: {en: A}\nxx/b:\n  type: city\n  parent: xx/a\n  names: {en: B}\n`,
    });
    const cycles = messages.filter((m) => m.ruleId === 'place-cycle');
    expect(cycles.map((m) => m.reason)).toEqual([
      'Place `xx/a` is its own ancestor: xx/a → xx/b → xx/a.',
      'Place `xx/b` is its own ancestor: xx/b → xx/a → xx/b.',
    ]);
  });
});

describe('loadGazetteer: coordinates against the country outline', () => {
  const AF = 'af:\n  type: country\n  names: {en: Afghanistan}\n  codes: {iso3166-1: AF}\n';
  it('reports latitude and longitude swapped when only the swapped point is in the country', () => {
    const { messages } = load({
      file: 'places/af.yaml',
      text: `${AF}af/banu:\n  type: town\n  names: {en: Banu}\n  lat: 69.26019\n  lon: 35.63348\n`,
    });
    const m = one(messages, 'swapped-coordinates');
    expect(m).toMatchObject({ severity: 'error', line: 5, column: 1 });
    expect(m.fix).toBe('Write `lat: 35.63348` and `lon: 69.26019`.');
  });

  it('warns about a point far outside its country, and accepts one inside', () => {
    const { messages } = load({
      file: 'places/af.yaml',
      text:
        AF +
        'af/paris:\n  type: town\n  names: {en: Paris}\n  lat: 48.85\n  lon: 2.35\naf/banu:\n  type: town\n  names: {en: Banu}\n  lat: 35.63348\n  lon: 69.26019\n',
    });
    expect(messages.map((m) => `${m.line} ${m.ruleId} ${m.severity}`)).toEqual(['5 place-outside-country warning']);
  });
});
