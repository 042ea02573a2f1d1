import { parseArgs } from 'node:util';
import { frontMatterJsonSchema, JSON_SCHEMA_TARGETS, type JsonSchemaTarget } from '../content/front-matter-json-schema.ts';
import { type Command, UsageError } from './command.ts';

export const schema: Command = {
  name: 'schema',
  usage: `Usage: dateline schema [options] > front-matter.schema.json

Prints the JSON Schema of article front matter: every field with a description, patterns for
dates and slugs, and no other field allowed. Editors and linters use it to complete and check
front matter as it is typed; \`dateline check\` remains the full check (places, zones, offsets).

Options:
  --target VERSION   draft-2020-12 (default) or draft-07 (for tools on an older JSON Schema)
`,
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { target: { type: 'string', default: 'draft-2020-12' } } });
    const target = values.target as JsonSchemaTarget;
    if (!JSON_SCHEMA_TARGETS.includes(target))
      throw new UsageError(`Unknown target \`${values.target}\`: use ${JSON_SCHEMA_TARGETS.join(' or ')}.`);
    io.stdout(`${JSON.stringify(frontMatterJsonSchema(target), null, 2)}\n`);
    return 0;
  },
};
