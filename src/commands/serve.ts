import { UsageError, type Command } from './command.ts';

export const serve: Command = {
  name: 'serve',
  summary: '(not written yet)',
  usage: 'Usage: dateline serve\n',
  async run() {
    throw new UsageError('`dateline serve` is not written yet.');
  },
};
