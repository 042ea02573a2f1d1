import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FrontMatter } from '../content/article-schema.ts';
import { formatArticle } from '../content/format-article.ts';
import { headlineFrom } from '../content/headline.ts';
import { parseReport } from '../content/parse-report.ts';
import { placesInText } from '../content/places-in-text.ts';
import { reportMarkdown } from '../content/report-markdown.ts';
import { parseArticleDate } from '../dates/article-date.ts';
import type { Place } from '../places/place.ts';
import { formatMessages } from '../report/message.ts';
import {
  type ArticleProject,
  articlePath,
  checkArticleText,
  checkZoneOption,
  openProject,
  slugForTitle,
  writeNewFile,
} from './article-project.ts';
import { type Command, type CommandIO, UsageError } from './command.ts';
import { zoneOfPlaces } from './country-zone.ts';

export const importReport: Command = {
  name: 'import',
  usage: `Usage: dateline import FILE… [options]

Turns each raw text report into content/YYYY/MM/<slug>.md. A report starts with
\`date YYYY-MM-DD\`; paragraphs are separated by blank lines, and a short line without a final
period between them becomes a subheading. The text is kept as text (nothing in it is read as
Markdown). A headline or place that had to be guessed (the first sentence; the places the text
names) is marked \`status: draft\`, so it is not published before someone reviews it. Never
replaces an existing file.

Options:
  --title TEXT      Headline (one FILE only; default: guessed from the first sentence)
  --location PLACE  Where (repeat for several places; default: guessed from the text)
  --timezone ZONE   IANA zone the date is local to (default: the site's timezone)
  --root DIR        Project folder (default: the current folder)
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        title: { type: 'string' },
        location: { type: 'string', multiple: true },
        timezone: { type: 'string' },
        root: { type: 'string' },
      },
    });
    if (positionals.length === 0) throw new UsageError('Give the report files to import: dateline import report.txt.');
    if (values.title !== undefined && positionals.length > 1)
      throw new UsageError('--title names one article: import the files one at a time to give each its headline.');
    if (values.title !== undefined && values.title.trim() === '') throw new UsageError('--title is empty.');
    if (values.timezone !== undefined) checkZoneOption(values.timezone);
    const project = await openProject(resolve(io.cwd, values.root ?? '.'));
    const options: ImportOptions = {
      title: values.title?.trim(),
      locations: (values.location ?? []).map((l) => l.trim()).filter(Boolean),
      zone: values.timezone,
    };
    let failed = false;
    for (const input of positionals) {
      if (!(await importOne(resolve(io.cwd, input), input, project, options, io))) failed = true;
    }
    return failed ? 1 : 0;
  },
};

interface ImportOptions {
  title?: string;
  locations: string[];
  zone?: string;
}

/** Imports one report; prints what was written and what to review, or why nothing was. */
async function importOne(path: string, name: string, project: ArticleProject, options: ImportOptions, io: CommandIO): Promise<boolean> {
  const fail = (reason: string) => {
    io.stderr(`dateline import: ${name}: ${reason}\n`);
    return false;
  };
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file.' : code ? `cannot be read (${code}).` : 'is not UTF-8 text.');
  }
  const report = parseReport(raw);
  if (!report.ok) return fail(`${report.reason} ${report.fix}`);
  const zone = options.zone ?? project.config.timezone;
  const day = parseArticleDate(report.day, zone);
  if (!day.ok) return fail(`the date header: ${day.reason} ${day.fix}`);

  const paragraphs = report.blocks.map((b) => b.text);
  const guessed = options.title === undefined || options.locations.length === 0;
  const review: string[] = [];
  const title = options.title ?? headlineFrom(paragraphs[0]!, project.config.lang);
  if (options.title === undefined) review.push(`title     guessed from the first sentence; the file name follows it: ${title}`);

  let location = options.locations;
  let places: Place[];
  if (location.length > 0) {
    places = location.flatMap((l) => {
      const resolution = project.gazetteer.resolve(l);
      return resolution.known ? [resolution.place] : [];
    });
  } else {
    places = placesInText(paragraphs.join('\n'), project.places, project.gazetteer);
    if (places.length === 0) return fail('no known place is named in the text. Give one with --location "Place, Province, Country".');
    location = places.map((p) => locationOf(p, project));
    review.push(`location  the places the text names: ${location.join('; ')}`);
  }
  const headings = report.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
  if (headings.length > 0) review.push(`headings  short lines made subheadings: ${headings.join('; ')}`);
  const hint = options.zone === undefined ? zoneHint(places, zone, project) : undefined;
  if (hint) review.push(`timezone  ${hint}`);

  const slug = slugForTitle(title);
  if (slug === '') return fail(`the headline \`${title}\` gives no file name: give one with --title.`);
  const frontMatter: FrontMatter = {
    title,
    // Nothing guessed is published unreviewed.
    status: guessed ? 'draft' : undefined,
    date: report.day,
    timezone: zone,
    location: location.length === 1 ? location[0]! : location,
  };
  const file = articlePath(project.config, day.date, slug);
  const text = formatArticle(frontMatter, reportMarkdown(report.blocks));
  const { messages, ok } = checkArticleText(project, file, text);
  if (messages.length > 0) io.stderr(`${formatMessages(messages)}\n`);
  if (!ok) return fail(`nothing was written: ${file} would not pass \`dateline check\`.`);
  if (!(await writeNewFile(project.root, file, text)))
    return fail(`${file} already exists; it was left as it is. Import with another --title, or edit that file.`);

  const shown = relative(io.cwd, resolve(project.root, file)).split('\\').join('/');
  const lines = [`Wrote ${shown}${guessed ? ' as a draft (status: draft)' : ''}.`];
  if (review.length > 0) lines.push('Review:', ...review.map((r) => `  ${r}`));
  if (guessed) lines.push('Then delete the `status: draft` line to publish it.');
  io.stdout(`${lines.join('\n')}\n`);
  return true;
}

/** When the places all lie in a country with one zone that is not the article's, says so. */
function zoneHint(places: readonly Place[], zone: string, project: ArticleProject): string | undefined {
  const local = zoneOfPlaces(places, project.gazetteer);
  if (!local || local.zone === zone) return undefined;
  return `${zone} is the site's default; ${local.country} is on ${local.zone}. If the date is local there, set \`timezone: ${local.zone}\`.`;
}

/** How to write a place in `location`: its names, most specific first, or its id if those would read as another place. */
function locationOf(place: Place, project: ArticleProject): string {
  const path = project.gazetteer
    .lineage(place)
    .map((p) => p.name)
    .join(', ');
  const resolution = project.gazetteer.resolve(path);
  return resolution.known && resolution.place.id === place.id && !resolution.unmatched?.length ? path : place.id;
}
