import { UsageError, type Command } from './command.ts';

export const importReport: Command = {
  name: 'import',
  summary: '(not written yet)',
  usage: 'Usage: dateline import\n',
  async run() {
    throw new UsageError('`dateline import` is not written yet.');
  },
};
