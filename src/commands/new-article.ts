import { UsageError, type Command } from './command.ts';

export const newArticle: Command = {
  name: 'new',
  summary: '(not written yet)',
  usage: 'Usage: dateline new\n',
  async run() {
    throw new UsageError('`dateline new` is not written yet.');
  },
};
