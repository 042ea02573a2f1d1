import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toString as textOf } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/pipeline/run-build.ts';
import { type BuiltSite, buildSite, copyFixture, exampleSite, fixture, removeTemps } from '../helpers/site.ts';

let site: BuiltSite;
let zones: BuiltSite;
beforeAll(async () => {
  [site, zones] = await Promise.all([exampleSite(), buildSite(fixture('zones'))]);
});
afterAll(removeTemps);

describe('browsing by date', () => {
  it('puts 00:30+04:30 on the 22 August day page, in the August 2021 calendar and in the Baghlan feed', async () => {
    const day = await zones.page('/2021/08/22/');
    expect(day.text('h1')).toBe('22 August 2021');
    expect(day.all('.teaser h3 a').map((a) => textOf(a))).toContain('Half past midnight in Kabul is still the 21st in UTC');
    const month = await zones.page('/2021/08/');
    const cell = month.all('.calendar td').find((td) => textOf(td).startsWith('22'))!;
    expect(textOf(cell)).toBe('22 August 2021: 2 reports2');
    const feed = await readFile(join(zones.out, 'places/af/baghlan/feed.xml'), 'utf8');
    expect(feed).toContain('/2021/08/22/half-past-midnight-kabul/');
  });

  it('draws the month as a table with a caption, weekday headers and only days with reports linked', async () => {
    const month = await site.page('/2021/08/');
    const table = month.one('table.calendar');
    expect(month.text('table.calendar caption')).toBe('August 2021');
    expect(month.all('table.calendar thead th').map((th) => textOf(th))).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    // 1 August 2021 was a Sunday: six empty cells lead the first week.
    const firstWeek = month.all('table.calendar tbody tr')[0]!;
    expect(textOf(firstWeek).trim()).toBe('1');
    const linked = month.all('table.calendar td a').map((a) => textOf(a).match(/^\d+/)![0]);
    expect(linked).toEqual(['14', '15', '22', '26', '29', '30']);
    expect(table.tagName).toBe('table');
  });

  it('links each period to the neighbouring non-empty one', async () => {
    const august = await site.page('/2021/08/');
    expect(august.one('a[rel=next]').properties.href).toBe('../09/index.html');
    expect(august.all('a[rel=prev]')).toHaveLength(0);
    const day = await site.page('/2021/08/22/');
    expect(day.one('a[rel=prev]').properties.href).toBe('../15/index.html');
    expect(day.one('a[rel=next]').properties.href).toBe('../26/index.html');
    expect(day.one('td.current a').properties.ariaCurrent).toBe('page');
  });

  it('lists every year and month with counts on the archive index', async () => {
    const index = await site.page('/archive/');
    expect(index.text('h2')).toBe('2021 (10 reports)');
    expect(index.all('.counts li').map((li) => textOf(li).replace(/\s+/g, ' '))).toEqual([
      'September 2021 2 reports',
      'August 2021 8 reports',
    ]);
  });
});

describe('browsing by place and topic', () => {
  it('shows a province with its breadcrumb, native name, aliases, places within and their counts', async () => {
    const page = await site.page('/places/af/baghlan/');
    expect(page.text('h1')).toBe('Baghlan');
    expect(page.text('.breadcrumb')).toBe('Afghanistan');
    expect(page.one('.other-names bdi').properties.lang).toBe('fa');
    expect(page.text('.subtitle')).toBe('Province in Afghanistan');
    expect(page.text('.aliases')).toContain('Baglan');
    expect(page.all('.listing-aside .counts li').map((li) => textOf(li).replace(/\s+/g, ' '))).toEqual([
      // The Andarab report in English, Dari and Pashto.
      'Andarab 3 reports',
      'Banu 3 reports',
      'De Salah 3 reports',
      'Pol-e-Hesar 3 reports',
    ]);
  });

  it('lists places as a tree by country on the places index', async () => {
    const index = await site.page('/places/');
    const headings = index.all('h2').map((h) => textOf(h));
    expect(headings).toEqual(['Afghanistan (7 reports)', 'Haiti (1 report)', 'Spain (1 report)', 'United States (1 report)']);
    const afghan = index.all('.index-section')[0]!;
    expect(textOf(afghan)).toMatch(/Baghlan.*Andarab.*Banu/s);
  });

  it('orders the topics index by count, then name', async () => {
    const index = await site.page('/topics/');
    const names = index.all('.counts li a').map((a) => textOf(a));
    // Afghanistan: 7; Taliban: 5; National Resistance Front and Panjshir: 4 each, so by name;
    // then Andarab, Kabul and United States, 3 each.
    expect(names.slice(0, 7)).toEqual([
      'Afghanistan',
      'Taliban',
      'National Resistance Front',
      'Panjshir',
      'Andarab',
      'Kabul',
      'United States',
    ]);
    // A tag without an entry in content/topics.yaml is shown as written, in the reader's order.
    expect(names.filter((n) => /^[e-i]/i.test(n))).toEqual(['evacuation', 'earthquake', 'Haiti', 'Hurricane Ida', 'hurricanes', 'ISIS-K']);
  });

  it('names topics from content/topics.yaml: the name, the other languages’ names and the description', async () => {
    const page = await site.page('/topics/national-resistance-front/');
    expect(page.text('h1')).toBe('National Resistance Front');
    expect(page.text('title')).toMatch(/^National Resistance Front · /);
    const other = page.one('.other-names bdi');
    expect([other.properties.lang, textOf(other)]).toEqual(['fa', 'جبهه مقاومت ملی']);
    expect(page.text('.description')).toBe('The armed opposition to the Taliban formed in Panjshir in August 2021.');
    const article = await site.page('/2021/08/22/andarab-resistance/');
    const chips = article.all('section[aria-labelledby=topics-heading] a').map((a) => textOf(a));
    expect(chips).toEqual(['Afghanistan', 'Andarab', 'National Resistance Front', 'Taliban', 'Panjshir']);
    const feed = await readFile(join(site.out, 'topics/kabul-airport/feed.xml'), 'utf8');
    expect(feed).toContain('<title type="text">Dateline: Kabul airport</title>');
    expect(feed).toContain('<category term="Kabul airport"/>');
    expect(feed).not.toContain('kabul-airport"/>');
  });

  it('shows a timeline of events, marking approximate dates, on place pages', async () => {
    const page = await site.page('/places/af/baghlan/');
    expect(page.text('.timeline li')).toBe(
      'about 20 August 2021 Resistance holds three Andarab districts as Taliban issue Panjshir ultimatum',
    );
    expect(page.one('.timeline time').properties.dateTime).toBe('2021-08-20');
  });

  it('links place and topic pages to their feeds', async () => {
    const page = await site.page('/topics/taliban/');
    const alternates = page.all('link[rel=alternate]').map((l) => `${l.properties.type} ${l.properties.href}`);
    expect(alternates).toEqual(['application/atom+xml ./feed.xml', 'application/rss+xml ./rss.xml', 'application/feed+json ./feed.json']);
  });
});

describe('article pages', () => {
  it('carry NewsArticle JSON-LD with offsets, dateline, places with coordinates and sources', async () => {
    const page = await site.page('/2021/08/30/last-us-flight-leaves-kabul/');
    const data = JSON.parse(textOf(page.one('script[type="application/ld+json"]')));
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Last US military flight leaves Kabul, ending 20-year presence in Afghanistan',
      datePublished: '2021-08-30T23:59:00+04:30',
      dateline: 'Kabul — 30 August 2021',
      contentLocation: [{ '@type': 'Place', name: 'Kabul', geo: { '@type': 'GeoCoordinates', latitude: expect.closeTo(34.5, 0) } }],
      publisher: { '@type': 'Organization', name: 'Dateline' },
    });
    expect(data.isBasedOn.map((s: { publisher: { name: string } }) => s.publisher.name)).toEqual([
      'US Department of Defense',
      'Associated Press',
    ]);
  });

  it('cannot be broken out of by a title that closes the script element', async () => {
    const hostile = await buildSite(fixture('hostile'));
    const page = await hostile.page('/2021/08/22/scripts-and-handlers/');
    const data = JSON.parse(textOf(page.one('script[type="application/ld+json"]')));
    expect(data.headline).toBe("<script>alert('title')</script> Scripts & handlers");
    expect(page.html).not.toContain('</script> Scripts');
  });

  it('carry OpenGraph tags', async () => {
    const page = await site.page('/2021/08/22/andarab-resistance/');
    const og = Object.fromEntries(page.all('meta[property^="og:"]').map((m) => [m.properties.property, m.properties.content]));
    expect(og).toMatchObject({
      'og:type': 'article',
      'og:url': 'https://dateline.example.org/2021/08/22/andarab-resistance/',
      'og:locale': 'en',
    });
  });

  it('show the Solar Hijri date on the Dari article', async () => {
    const page = await site.page('/2021/09/06/panjshir-taliban-claim/');
    expect(page.text('.article-header .dateline bdi')).toBe('۱۵ سنبلهٔ ۱۴۰۰');
  });

  it('list related coverage: same topics within seven days, nearest first', async () => {
    const page = await site.page('/2021/08/22/andarab-resistance/');
    expect(page.all('.related a').map((a) => textOf(a))).toEqual([
      'Taliban enter Kabul as President Ashraf Ghani leaves Afghanistan',
      'Suicide bombing at Kabul airport kills 13 US troops and scores of Afghans',
    ]);
  });
});

describe('the not-found page', () => {
  it('roots its links at the base URL path, since servers show it at any address', async () => {
    const root = await copyFixture('hostile');
    await writeFile(join(root, 'dateline.yaml'), 'title: Sub\nurl: https://example.org/archive/\ntimezone: Asia/Kabul\n');
    const built = await buildSite(root);
    const page = await built.page('/404.html');
    expect(page.all('main a').map((a) => a.properties.href)).toEqual([
      '/archive/',
      '/archive/archive/',
      '/archive/places/',
      '/archive/topics/',
    ]);
  });
});

describe('bad browse input', () => {
  it('reports an event_date that is not EDTF and a related id that does not exist, at their lines', async () => {
    const root = await copyFixture('hostile');
    await writeFile(
      join(root, 'content/2021/08/bad.md'),
      '---\ntitle: Bad\ndate: 2021-08-22\nlocation: Baghlan, Afghanistan\nevent_date: last week\nrelated: [2021/08/22/nowhere]\n---\nBody\n',
    );
    const report = await runBuild({ root, dryRun: true });
    expect(report.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['5:13 invalid-event-date']);
    await writeFile(
      join(root, 'content/2021/08/bad.md'),
      '---\ntitle: Bad\ndate: 2021-08-22\nlocation: Baghlan, Afghanistan\nrelated: [2021/08/22/nowhere]\n---\nBody\n',
    );
    const second = await runBuild({ root, dryRun: true });
    expect(second.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      'content/2021/08/bad.md:5:11 unknown-related',
    ]);
  });
});
