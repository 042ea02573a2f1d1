import { describe, expect, it } from 'vitest';
import type { SearchBundle } from '../../../src/archive/search-bundles.ts';
import { planSearchLayout, type SearchState, segmentHash } from '../../../src/outputs/search/search-layout.ts';

const plan: SearchBundle[] = [
  { folder: 'pagefind', articleUrls: ['/d/', '/c/'] },
  { folder: 'pagefind-1', articleUrls: ['/b/', '/a/'] },
];
const hashes = (entries: Record<string, string>) => new Map(Object.entries(entries));
const records = hashes({ '/a/': 'a1', '/b/': 'b1', '/c/': 'c1', '/d/': 'd1' });

/** The state a build writing `plan` with `records` leaves (ids made up as Pagefind would). */
function written(bundles: SearchBundle[], of: Map<string, string>): SearchState {
  return {
    version: 'v1',
    segments: bundles.map((b) => ({
      folder: b.folder,
      hash: segmentHash(b.folder, b.articleUrls, of),
      records: Object.fromEntries(
        b.articleUrls.map((url) => [url, [of.get(url)!, `en_${url.slice(1, 2)}${of.get(url)}`] as [string, string]]),
      ),
    })),
  };
}

describe('planSearchLayout', () => {
  it('writes the plan when there is no previous index', () => {
    expect(planSearchLayout(plan, records, undefined, 200, 'v1')).toEqual({
      write: plan,
      keep: [],
      order: ['pagefind', 'pagefind-1'],
      overlay: [],
      superseded: [],
    });
  });

  it('keeps every bundle and overlays an edit, an addition and a removal, hiding the old records', () => {
    const previous = written(plan, records);
    const now = hashes({ '/a/': 'a2', '/b/': 'b1', '/d/': 'd1', '/e/': 'e1' });
    const layout = planSearchLayout(
      [
        { folder: 'pagefind', articleUrls: ['/e/', '/d/'] },
        { folder: 'pagefind-1', articleUrls: ['/b/', '/a/'] },
      ],
      now,
      previous,
      200,
      'v1',
    );
    expect(layout.write).toEqual([]);
    expect(layout.keep).toEqual(previous.segments);
    expect(layout.order).toEqual(['pagefind', 'pagefind-1']);
    expect(layout.overlay.sort()).toEqual(['/a/', '/e/']);
    expect(layout.superseded).toEqual([
      { folder: 'pagefind-1', url: '/a/', id: 'en_aa1' },
      { folder: 'pagefind', url: '/c/', id: 'en_cc1' },
    ]);
  });

  it('writes the changed bundles as a clean build would once the changes pass the limit, keeping the identical ones', () => {
    const previous = written(plan, records);
    const now = hashes({ ...Object.fromEntries(records), '/a/': 'a2' });
    // One edit and the record it hides: 2 > 1.
    const layout = planSearchLayout(plan, now, previous, 1, 'v1');
    expect(layout.write).toEqual([plan[1]]);
    expect(layout.keep).toEqual([previous.segments[0]]);
    expect(layout.overlay).toEqual([]);
    expect(layout.superseded).toEqual([]);
    expect(planSearchLayout(plan, now, previous, 2, 'v1').overlay).toEqual(['/a/']);
  });

  it('writes a bundle whose articles moved, though each record is unchanged, and keeps unchanged ones', () => {
    const previous = written(plan, records);
    const moved: SearchBundle[] = [
      { folder: 'pagefind', articleUrls: ['/d/'] },
      { folder: 'pagefind-1', articleUrls: ['/c/', '/b/', '/a/'] },
    ];
    for (const limit of [0, 200])
      expect(planSearchLayout(moved, records, previous, limit, 'v1')).toEqual({
        write: moved,
        keep: [],
        order: ['pagefind', 'pagefind-1'],
        overlay: [],
        superseded: [],
      });
    expect(planSearchLayout(plan, records, previous, 200, 'v1')).toEqual({
      write: [],
      keep: previous.segments,
      order: ['pagefind', 'pagefind-1'],
      overlay: [],
      superseded: [],
    });
  });

  it('writes every bundle again under another version (Dateline, Pagefind or the language changed), however few the changes', () => {
    const previous = written(plan, records);
    const now = hashes({ ...Object.fromEntries(records), '/a/': 'a2' });
    expect(planSearchLayout(plan, now, previous, 200, 'v2')).toEqual({
      write: plan,
      keep: [],
      order: ['pagefind', 'pagefind-1'],
      overlay: [],
      superseded: [],
    });
    expect(planSearchLayout(plan, records, previous, 200, 'v2').write).toEqual(plan);
  });

  it('writes the bundles again rather than overlay more than half the archive', () => {
    const previous = written(plan, records);
    const now = hashes({ '/a/': 'a2', '/b/': 'b2', '/c/': 'c2', '/d/': 'd1' });
    expect(planSearchLayout(plan, now, previous, 200, 'v1')).toMatchObject({ write: plan, overlay: [], superseded: [] });
    expect(planSearchLayout(plan, hashes({ ...Object.fromEntries(now), '/c/': 'c1' }), previous, 200, 'v1').overlay).toEqual([
      '/a/',
      '/b/',
    ]);
  });
});
