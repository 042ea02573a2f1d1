import { describe, expect, it } from 'vitest';
import { Gazetteer, type Resolution } from '../../../src/places/gazetteer.ts';
import type { Place } from '../../../src/places/place.ts';
import { gazetteer } from '../../helpers/check.ts';

function known(resolution: Resolution): Place {
  expect(resolution.known, JSON.stringify(resolution)).toBe(true);
  return resolution.place;
}

function unknown(resolution: Resolution): Extract<Resolution, { known: false }> {
  if (resolution.known) throw new Error(`expected an unknown place, got ${resolution.place.id}`);
  return resolution;
}

describe('Gazetteer.resolve: spellings of one place', () => {
  it.each([
    'Pol-e-Hesar',
    'Pul-e Hisar',
    'Puli Hisar',
    'پل حصار',
    'af/baghlan/pol-e-hesar',
    'Pul-e Ḩişār',
    'POL-E-HESAR',
    'pol e hesar',
    'Pol-e-Hesar, Baghlan, Afghanistan',
  ])('resolves %j to af/baghlan/pol-e-hesar', (spelling) => {
    expect(known(gazetteer.resolve(spelling)).id).toBe('af/baghlan/pol-e-hesar');
  });

  it('resolves the spellings to the very same place object', () => {
    const places = ['Pol-e-Hesar', 'Pul-e Hisar', 'Puli Hisar', 'پل حصار', 'af/baghlan/pol-e-hesar'].map((s) => gazetteer.resolve(s).place);
    for (const p of places) expect(p).toBe(gazetteer.get('af/baghlan/pol-e-hesar'));
  });

  it('resolves De Salah and Deh Salah to the same district', () => {
    expect(known(gazetteer.resolve('De Salah')).id).toBe('af/baghlan/de-salah');
    expect(known(gazetteer.resolve('Deh Salah')).id).toBe('af/baghlan/de-salah');
    expect(known(gazetteer.resolve('Deh Salah, Baghlan, Afghanistan')).id).toBe('af/baghlan/de-salah');
  });

  it('resolves the misspelling Baglan to Baghlan', () => {
    expect(known(gazetteer.resolve('Baglan')).id).toBe('af/baghlan');
    expect(known(gazetteer.resolve('Baglan, Afghanistan')).id).toBe('af/baghlan');
  });

  it('resolves an id with surrounding spaces', () => {
    expect(known(gazetteer.resolve('  af/kabul  ')).id).toBe('af/kabul');
  });
});

describe('Gazetteer.resolve: comma paths', () => {
  it('resolves Kabul, Kabul, Afghanistan to the city', () => {
    expect(known(gazetteer.resolve('Kabul, Kabul, Afghanistan')).id).toBe('af/kabul/kabul');
  });

  it('resolves Kabul, Afghanistan to the province', () => {
    expect(known(gazetteer.resolve('Kabul, Afghanistan')).id).toBe('af/kabul');
  });

  it.each([
    ['Port Fourchon, Louisiana, United States', 'us/louisiana/port-fourchon'],
    ['New Orleans, Louisiana, USA', 'us/louisiana/new-orleans'],
    ['Les Cayes, Haiti', 'ht/sud/les-cayes'],
    ['La Palma, Spain', 'es/canary-islands/la-palma'],
    ['Doha, Qatar', 'qa/doha'],
  ])('resolves %j to %s', (location, id) => {
    expect(known(gazetteer.resolve(location)).id).toBe(id);
  });

  it('files an unknown place under its deepest known ancestor and suggests the near spelling', () => {
    const r = unknown(gazetteer.resolve('Pul-i-Hisarr, Baghlan, Afghanistan'));
    expect(r.place).toMatchObject({ id: 'af/baghlan/pul-i-hisarr', name: 'Pul-i-Hisarr', parent: 'af/baghlan', known: false });
    expect(r.created.map((p) => p.id)).toEqual(['af/baghlan/pul-i-hisarr']);
    expect(r.suggestion?.id).toBe('af/baghlan/pol-e-hesar');
  });

  it('makes up every unknown level of a path, most specific first', () => {
    const r = unknown(gazetteer.resolve('Springfield, Illinois, United States'));
    expect(r.created.map((p) => [p.id, p.parent])).toEqual([
      ['us/illinois/springfield', 'us/illinois'],
      ['us/illinois', 'us'],
    ]);
    expect(r.place.id).toBe('us/illinois/springfield');
  });

  it('suggests nothing for a name unlike any place', () => {
    const r = unknown(gazetteer.resolve('Xqzwv'));
    expect(r.place).toMatchObject({ id: 'xqzwv', parent: undefined });
    expect(r.suggestion).toBeUndefined();
  });

  it('does not place a district under a province it is not in', () => {
    const r = unknown(gazetteer.resolve('Pol-e-Hesar, Kabul, Afghanistan'));
    expect(r.place.id).toBe('af/kabul/pol-e-hesar');
  });
});

describe('Gazetteer.containers and lineage', () => {
  const polEHesar = gazetteer.get('af/baghlan/pol-e-hesar')!;

  it('rolls Pol-e-Hesar up into Baghlan, Afghanistan and the Andarab region', () => {
    const ids = gazetteer.containers(polEHesar).map((p) => p.id);
    expect(ids).toHaveLength(3);
    expect(ids).toEqual(expect.arrayContaining(['af/baghlan', 'af', 'af/baghlan/andarab']));
  });

  it('rolls a place with no regions up into its parents only', () => {
    expect(gazetteer.containers(gazetteer.get('af/kabul/kabul')!).map((p) => p.id)).toEqual(['af/kabul', 'af']);
  });

  it('lists the lineage most specific first, without regions', () => {
    expect(gazetteer.lineage(polEHesar).map((p) => p.id)).toEqual(['af/baghlan/pol-e-hesar', 'af/baghlan', 'af']);
  });

  it('gives a country no containers', () => {
    expect(gazetteer.containers(gazetteer.get('af')!)).toEqual([]);
  });
});

describe('Gazetteer built from places', () => {
  const place = (id: string, en: string, extra: Partial<Place> = {}): Place => ({
    id,
    type: 'place',
    name: en,
    names: { en },
    aliases: [],
    parent: id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : undefined,
    within: [],
    codes: {},
    known: true,
    ...extra,
  });

  it('counts and finds its places by id', () => {
    const g = new Gazetteer([place('xx', 'Ex', { type: 'country' }), place('xx/yy', 'Why')]);
    expect(g.size).toBe(2);
    expect(g.get('xx/yy')?.name).toBe('Why');
    expect(g.get('zz')).toBeUndefined();
  });

  it('finds a place by an alias', () => {
    const g = new Gazetteer([place('xx', 'Ex', { type: 'country' }), place('xx/yy', 'Why', { aliases: ['Wye'] })]);
    expect(known(g.resolve('Wye, Ex')).id).toBe('xx/yy');
  });
});

describe('Gazetteer.resolve: names shared by several places', () => {
  it('takes Kabul alone as the city, the innermost of the places called Kabul', () => {
    expect(known(gazetteer.resolve('Kabul')).id).toBe('af/kabul/kabul');
  });

  it('takes Andarab as the region named so, not the district that has it as an old name', () => {
    expect(known(gazetteer.resolve('Andarab')).id).toBe('af/baghlan/andarab');
  });

  it('splits a path written with Arabic commas', () => {
    expect(known(gazetteer.resolve('بغلان، افغانستان')).id).toBe('af/baghlan');
  });
});

describe('Gazetteer.resolve: a misspelt or loose container', () => {
  it('files a known place under itself, listing the parts that match nothing above it', () => {
    const r = gazetteer.resolve('Pol-e-Hesar, Baghlan, Afganistan');
    expect(r.known && [r.place.id, r.unmatched]).toEqual(['af/baghlan/pol-e-hesar', ['Afganistan']]);
    const loose = gazetteer.resolve('Pol-e-Hesar, Baghlan Province, Afghanistan');
    expect(loose.known && [loose.place.id, loose.unmatched]).toEqual(['af/baghlan/pol-e-hesar', ['Baghlan Province']]);
  });

  it('gives names without a Latin slug their own ids instead of sharing one', () => {
    const a = unknown(gazetteer.resolve('北京, Afghanistan'));
    const b = unknown(gazetteer.resolve('东京, Afghanistan'));
    expect(a.place.id).toMatch(/^af\/place-[0-9a-f]{10}$/);
    expect(a.place.id).not.toBe(b.place.id);
  });
});
