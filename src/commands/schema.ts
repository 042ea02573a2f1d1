import { UsageError, type Command } from './command.ts';

export const schema: Command = {
  name: 'schema',
  summary: '(not written yet)',
  usage: 'Usage: dateline schema\n',
  async run() {
    throw new UsageError('`dateline schema` is not written yet.');
  },
};
