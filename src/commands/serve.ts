import { watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runBuild } from '../pipeline/run-build.ts';
import { readConfig } from '../pipeline/read-project.ts';
import { CONFIG_FILE } from '../config/site-config.ts';
import { countMessages, formatMessages, plural } from '../report/message.ts';
import { seconds } from '../report/progress.ts';
import { startDevServer, type DevServer } from '../serve/dev-server.ts';
import { CACHE_DIR } from './build.ts';
import { UsageError, type Command } from './command.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

/** Editors save in bursts (write, rename, touch): wait this long for the burst to end. */
const SETTLE_MS = 120;

export const serve: Command = {
  name: 'serve',
  usage: `Usage: dateline serve [options]

Builds the site, serves it, and watches content/, the templates, the static files and
${CONFIG_FILE}: each save rebuilds (unchanged articles come from the cache) and reloads the
open pages. A save that breaks the build prints the errors here and over the page, while the
last good site stays served. Stop with Ctrl-C.

Options:
  --root DIR    Project folder (default: the current folder)
  --port N      Port (default: 8080; 0 picks a free one)
  --host HOST   Address to listen on (default: 127.0.0.1, this computer only)
  --drafts      Show articles with status: draft too
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { root: { type: 'string' }, port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' }, drafts: { type: 'boolean' } },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port \`${values.port}\` is not a port number (0–65535).`);
    const root = resolve(io.cwd, values.root ?? '.');
    const { config } = await readConfig(root);
    const output = resolve(root, config.output);

    let server: DevServer | undefined;
    let running: Promise<void> | undefined;
    let again = false;
    const rebuild = async (reason: string): Promise<void> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          server?.publish({ state: 'building' });
          const started = performance.now();
          try {
            const report = await runBuild({ root, overrides: { drafts: values.drafts }, cacheDir: join(root, CACHE_DIR) });
            if (report.messages.length > 0) io.stderr(`${formatMessages(report.messages)}\n`);
            if (report.ok) {
              const { warnings } = countMessages(report.messages);
              io.stdout(`${reason}: ${report.upToDate ? 'up to date' : `built ${plural(report.articles, 'article')}`} in ${seconds(performance.now() - started)}${warnings ? `, ${plural(warnings, 'warning')}` : ''}.\n`);
              server?.publish({ state: 'ok', builtAt: Date.now() });
            } else {
              io.stderr(`${reason}: the build failed; still serving the last good site.\n`);
              server?.publish({ state: 'failed', text: formatMessages(report.messages.filter((m) => m.severity === 'error')) });
            }
          } catch (error) {
            const text = (error as Error).message;
            io.stderr(`${reason}: ${text}\n`);
            server?.publish({ state: 'failed', text });
          }
        } while (again);
        running = undefined;
      })();
      return running;
    };

    await rebuild('First build');
    server = await startDevServer(output, values.host, port);
    io.stdout(`Serving ${server.url} (Ctrl-C to stop). Watching for changes…\n`);

    const watched = [join(root, config.content), join(PACKAGE_ROOT, 'templates'), join(PACKAGE_ROOT, 'public')];
    const watchers: FSWatcher[] = watched.map((dir) => watch(dir, { recursive: true }, (_event, name) => schedule(name ? join(dir, String(name)) : dir)));
    watchers.push(watch(root, (_event, name) => name === CONFIG_FILE && schedule(join(root, CONFIG_FILE))));
    // A watched folder deleted or moved: say so and keep serving the last good site.
    for (const w of watchers) w.on('error', (error) => io.stderr(`Stopped watching a folder: ${error.message}. Restart dateline serve to watch it again.\n`));
    let timer: NodeJS.Timeout | undefined;
    let changed = new Set<string>();
    function schedule(path: string) {
      changed.add(path);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const names = [...changed].map((p) => p.slice(root.length + 1) || p);
        changed = new Set();
        void rebuild(names.length === 1 ? names[0]! : `${names.length} files changed`);
      }, SETTLE_MS);
    }

    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    for (const w of watchers) w.close();
    clearTimeout(timer);
    await running;
    await server.close();
    return 0;
  },
};
