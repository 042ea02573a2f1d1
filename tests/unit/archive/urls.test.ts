import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  articleUrl,
  outputPathOf,
  placeUrl,
  relativePath,
  relativeUrl,
  topicUrl,
  yearUrl,
} from '../../../src/archive/urls.ts';
import { parseArticleDate } from '../../../src/dates/article-date.ts';

describe('outputPathOf', () => {
  it.each([
    '/../x/',
    '/a/../../b/',
    '/A/',
    '/./',
    '/a/./b/',
    '//',
    '/a//b/',
    '/a/b',
    'a/b/',
    '/%2e%2e/',
    '/a\\..\\b/',
    '/a b/',
    '/é/',
    '/a-/',
    '/a/b/?x=1',
  ])('refuses %j', (url) => {
    expect(() => outputPathOf(url)).toThrow(/Refusing to write page URL/);
  });

  it('names the refused URL in the error', () => {
    expect(() => outputPathOf('/../x/')).toThrow('"/../x/"');
  });

  it.each([
    ['/2021/08/22/x/', '2021/08/22/x/index.html'],
    ['/places/af/baghlan/pol-e-hesar/', 'places/af/baghlan/pol-e-hesar/index.html'],
    ['/', 'index.html'],
  ])('writes %j to %s', (url, path) => {
    expect(outputPathOf(url)).toBe(path);
  });
});

describe('relativePath', () => {
  it('is posix.relative for any two root paths, plain or not (dots, empty segments)', () => {
    const segments = ['a', 'b', '2021', '08', 'index.html', '.', '..', '', 'a.b', '.hidden'];
    // A fixed sequence (a linear congruential generator), so a failure is the same each run.
    let seed = 7;
    const next = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    const path = () => `/${Array.from({ length: next(5) }, () => segments[next(segments.length)]).join('/')}${next(2) ? '/' : ''}`;
    const differing = Array.from({ length: 20000 }, () => [path(), path()] as const).filter(
      ([from, to]) => relativePath(from, to) !== posix.relative(from, to),
    );
    expect(differing).toEqual([]);
    expect(relativePath('/2021/08/22/x/', '/places/af/index.html')).toBe('../../../../places/af/index.html');
  });
});

describe('relativeUrl', () => {
  it.each([
    // [url, from, clean, portable]
    ['/places/af/', '/2021/08/22/x/', '../../../../places/af/', '../../../../places/af/index.html'],
    ['/', '/', './', './index.html'],
    ['/', '/2021/', '../', '../index.html'],
    ['/2021/', '/2021/', './', './index.html'],
    ['/2021/08/', '/2021/08/22/x/', '../../', '../../index.html'],
    ['/places/af/', '/places/af/baghlan/', '../', '../index.html'],
    ['/feed.xml', '/2021/08/22/x/', '../../../../feed.xml', '../../../../feed.xml'],
    ['/style.css', '/', './style.css', './style.css'],
    ['/places/af/#top', '/2021/', '../places/af/#top', '../places/af/index.html#top'],
    ['/places/af/?q=1#top', '/2021/', '../places/af/?q=1#top', '../places/af/index.html?q=1#top'],
  ])('rewrites %s from %s as %s (clean) and %s (portable)', (url, from, clean, portable) => {
    expect(relativeUrl(url, from, false)).toBe(clean);
    expect(relativeUrl(url, from, true)).toBe(portable);
  });

  it('treats a page file like its folder', () => {
    expect(relativeUrl('/2021/08/22/x/', '/2021/08/22/x/index.html', true)).toBe('./index.html');
    expect(relativeUrl('/a/', '/b/index.html', false)).toBe('../a/');
  });

  it.each(['https://example.org/', '//cdn.example/x.js', 'mailto:a@example.org', '#frag', 'x/y/'])('leaves %j unchanged', (url) => {
    expect(relativeUrl(url, '/2021/08/22/x/', true)).toBe(url);
    expect(relativeUrl(url, '/2021/08/22/x/', false)).toBe(url);
  });
});

describe('page URLs', () => {
  it('files an article under its local date, not its UTC date', () => {
    const result = parseArticleDate('2021-08-22T00:30:00+04:30', 'Asia/Kabul');
    if (!result.ok) throw new Error(result.reason);
    expect(articleUrl(result.date, 'andarab-resistance')).toBe('/2021/08/22/andarab-resistance/');
  });

  it('pads month and day', () => {
    const result = parseArticleDate('2021-09-05', 'UTC');
    if (!result.ok) throw new Error(result.reason);
    expect(articleUrl(result.date, 'x')).toBe('/2021/09/05/x/');
  });

  it('builds year, place and topic URLs that outputPathOf accepts', () => {
    expect(yearUrl('/', 2021)).toBe('/2021/');
    expect(placeUrl('/', 'af/baghlan/pol-e-hesar')).toBe('/places/af/baghlan/pol-e-hesar/');
    expect(topicUrl('/', 'taliban')).toBe('/topics/taliban/');
    for (const url of [yearUrl('/', 2021), placeUrl('/', 'af/baghlan/pol-e-hesar'), topicUrl('/', 'taliban')])
      expect(() => outputPathOf(url)).not.toThrow();
  });

  it('makes absolute URLs under the base, keeping its path', () => {
    expect(absoluteUrl('/2021/', 'https://example.org/')).toBe('https://example.org/2021/');
    expect(absoluteUrl('/2021/', 'https://example.org/news/')).toBe('https://example.org/news/2021/');
  });
});
