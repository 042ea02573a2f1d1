import { describe, expect, it } from 'vitest';
import { type BundledArticle, planSearchBundles } from '../../../src/archive/search-bundles.ts';

/** `count` articles in a UTC year, a day apart from 1 January. */
function year(y: number, count: number): BundledArticle[] {
  return Array.from({ length: count }, (_, i) => ({
    url: `/${y}/${i}/`,
    utc: new Date(Date.UTC(y, 0, 1 + i)).toISOString().replace('.000', ''),
  }));
}

const sizes = (plan: ReturnType<typeof planSearchBundles>) => plan.map((b) => [b.folder, b.articleUrls.length]);

describe('splitting the search index into bundles', () => {
  it('keeps one bundle, pagefind/, up to the threshold, newest first', () => {
    const plan = planSearchBundles([...year(2019, 2), ...year(2021, 2), ...year(2020, 1)], 5);
    expect(plan).toEqual([{ folder: 'pagefind', articleUrls: ['/2021/1/', '/2021/0/', '/2020/0/', '/2019/1/', '/2019/0/'] }]);
    expect(planSearchBundles([], 5)).toEqual([{ folder: 'pagefind', articleUrls: [] }]);
  });

  it('fills bundles from the oldest, so there are as few as can be and the newest is the main one', () => {
    const articles = [...year(2015, 3), ...year(2016, 4), ...year(2017, 2), ...year(2018, 3), ...year(2019, 1)];
    expect(sizes(planSearchBundles(articles, 6))).toEqual([
      ['pagefind', 1],
      ['pagefind-2', 6],
      ['pagefind-1', 6],
    ]);
    expect(sizes(planSearchBundles(articles.slice(0, 12), 6))).toEqual([
      ['pagefind', 6],
      ['pagefind-1', 6],
    ]);
  });

  it('keeps the older bundles as they are when newer reports are added', () => {
    const articles = [...year(2015, 3), ...year(2016, 4), ...year(2017, 2)];
    const before = planSearchBundles(articles, 4);
    const after = planSearchBundles([...articles, ...year(2018, 2)], 4);
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(after[0]!.articleUrls).toEqual(['/2018/1/', '/2018/0/', ...before[0]!.articleUrls]);
  });

  it('keeps bundles apart in time, newest first, whatever order the articles come in', () => {
    const plan = planSearchBundles([...year(2020, 7), ...year(2019, 2), ...year(2021, 1)], 3);
    expect(sizes(plan)).toEqual([
      ['pagefind', 1],
      ['pagefind-3', 3],
      ['pagefind-2', 3],
      ['pagefind-1', 3],
    ]);
    expect(plan.flatMap((b) => b.articleUrls)).toEqual([
      '/2021/0/',
      ...[6, 5, 4, 3, 2, 1, 0].map((i) => `/2020/${i}/`),
      '/2019/1/',
      '/2019/0/',
    ]);
  });

  it('orders by the UTC instant, so a report dated 1 January in Kabul comes before one of 31 December in London', () => {
    const kabul = { url: '/2021/01/01/kabul/', utc: '2020-12-31T20:30:00Z' };
    const london = { url: '/2020/12/31/london/', utc: '2020-12-31T22:00:00Z' };
    const plan = planSearchBundles([london, kabul, ...year(2019, 1)], 2);
    expect(plan.map((b) => b.articleUrls)).toEqual([[london.url], [kabul.url, '/2019/0/']]);
  });
});
