import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import type { FrontMatter } from '../content/article-schema.ts';
import { formatArticle } from '../content/format-article.ts';
import { canonicalLang } from '../content/text-direction.ts';
import { BODY_PLACEHOLDER } from '../content/validate-article.ts';
import { formatOffset, parseArticleDate } from '../dates/article-date.ts';
import { countMessages, formatMessages } from '../report/message.ts';
import { articlePath, checkArticleText, checkZoneOption, openProject, slugForTitle, writeNewFile } from './article-project.ts';
import { currentTime } from './clock.ts';
import { type Command, UsageError } from './command.ts';
import { zoneOfPlaces } from './country-zone.ts';

export const newArticle: Command = {
  name: 'new',
  usage: `Usage: dateline new "Headline" --location "Place, Province, Country" [options]

Writes content/YYYY/MM/<slug>.md (the slug from the headline, the folder from the date in the
article's zone), a draft (\`status: draft\`) whose body is a placeholder to replace, then prints
its path. Delete \`status: draft\` to publish it. Never replaces an existing file.

Options:
  --location PLACE  Where (required; repeat for several places): a comma path, most specific
                    first, or a gazetteer id
  --date DATE       2021-08-22 (a day), 2021-08-22T14:30 (local time in the zone) or with its
                    offset (default: now, in the article's zone)
  --timezone ZONE   IANA zone of the article, e.g. Asia/Kabul (default: the zone of the place's
                    country when it has one, else the site's timezone)
  --lang TAG        Language of the article, e.g. fa (default: the site's lang)
  --tags A,B        Topics, separated by commas
  --root DIR        Project folder (default: the current folder)
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        location: { type: 'string', multiple: true },
        date: { type: 'string' },
        timezone: { type: 'string' },
        lang: { type: 'string' },
        tags: { type: 'string' },
        root: { type: 'string' },
      },
    });
    // The headline may be typed unquoted: `dateline new Taliban enter Kabul`.
    const title = positionals.join(' ').trim();
    if (title === '') throw new UsageError('Give the headline: dateline new "Headline" --location "Place, Province, Country".');
    const locations = (values.location ?? []).map((l) => l.trim()).filter(Boolean);
    if (locations.length === 0)
      throw new UsageError('Give the place with --location "Place, Province, Country" (or a gazetteer id such as af/baghlan/pol-e-hesar).');
    const slug = slugForTitle(title);
    if (slug === '') throw new UsageError(`The headline \`${title}\` gives no file name: it needs a letter or a digit.`);

    if (values.timezone !== undefined) checkZoneOption(values.timezone);
    const lang = values.lang === undefined ? undefined : canonicalLang(values.lang);
    if (values.lang !== undefined && lang === undefined)
      throw new UsageError(`--lang \`${values.lang}\` is not a language tag; use a BCP 47 tag such as \`en\`, \`fa\` or \`ps\`.`);

    const project = await openProject(resolve(io.cwd, values.root ?? '.'));
    // The zone of the place's country when it has one (Kabul: Asia/Kabul), else the site's.
    const places = locations.flatMap((l) => {
      const resolved = project.gazetteer.resolve(l);
      return resolved.known ? [resolved.place] : [];
    });
    const zone = values.timezone ?? zoneOfPlaces(places, project.gazetteer)?.zone ?? project.config.timezone;

    // A day stays a day; a time is written with the zone's offset, so it means one instant.
    const written = values.date ?? localNow(zone);
    const parsed = parseArticleDate(written, zone);
    if (!parsed.ok) throw new UsageError(`--date: ${parsed.reason} ${parsed.fix}`);
    const date = parsed.date.hasTime ? parsed.date.iso : written;
    if (parsed.warning)
      io.stderr(`dateline new: --date: ${parsed.warning.reason} The file says \`${date}\`; change the offset if you meant the other.\n`);

    const tags =
      values.tags === undefined
        ? []
        : [
            ...new Set(
              values.tags
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            ),
          ];
    const frontMatter: FrontMatter = {
      title,
      // Not published until the writer deletes it: a running `serve` shows no blank report.
      status: 'draft',
      date,
      // Written even when it is the site's: the date's offset belongs to this zone.
      timezone: zone,
      location: locations.length === 1 ? locations[0]! : locations,
      tags: tags.length > 0 ? tags : undefined,
      lang: lang !== undefined && lang !== canonicalLang(project.config.lang) ? lang : undefined,
    };
    const file = articlePath(project.config, parsed.date, slug);
    const text = formatArticle(frontMatter, BODY_PLACEHOLDER);
    // Checked as if published, but for the placeholder it writes: nothing else may be wrong.
    const messages = checkArticleText(project, file, text, true).messages.filter((m) => m.ruleId !== 'placeholder-body');
    if (messages.length > 0) io.stderr(`${formatMessages(messages)}\n`);
    if (countMessages(messages).errors > 0) {
      io.stderr(`dateline new: nothing was written: ${file} would not pass \`dateline check\`.\n`);
      return 1;
    }
    if (!(await writeNewFile(project.root, file, text))) {
      io.stderr(`dateline new: ${file} already exists; it was left as it is. Edit it, or choose another headline.\n`);
      return 1;
    }
    io.stdout(`${relative(io.cwd, resolve(project.root, file)).split('\\').join('/')}\n`);
    return 0;
  },
};

/** Now in `zone`, to the second, with the zone's offset: `2021-08-22T00:30:00+04:30`. */
function localNow(zone: string): string {
  const local = DateTime.fromMillis(currentTime(), { zone });
  return `${local.toFormat("yyyy-MM-dd'T'HH:mm:ss")}${formatOffset(local.offset)}`;
}
