import { type FSWatcher, watch } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CONFIG_FILE } from '../config/site-config.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { ARTICLE_FILE, readConfig } from '../pipeline/read-project.ts';
import { runBuild } from '../pipeline/run-build.ts';
import { countMessages, formatMessages, plural } from '../report/message.ts';
import { seconds } from '../report/progress.ts';
import { type BuildState, type DevServer, startDevServer } from '../serve/dev-server.ts';
import { type SavePreviewer, savePreviewer } from '../serve/save-preview.ts';
import { CACHE_DIR } from './build.ts';
import { type Command, UsageError } from './command.ts';

/**
 * A full garbage collection, now. A build allocates several times what it keeps, and V8 lets the
 * heap grow well past what is alive before it collects: at 10,000 articles a server idle between
 * saves held 370–1,070 MiB, depending on when V8 last collected. Collected once a build has
 * ended (after the open pages were told), it holds what is alive.
 */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Editors save in bursts (write, rename, touch): wait this long for the burst to end. */
const SETTLE_MS = 120;

export const serve: Command = {
  name: 'serve',
  usage: `Usage: dateline serve [options]

Builds the site (unless it is up to date), serves it, and watches content/, the templates,
the static files and ${CONFIG_FILE}: each save rebuilds (unchanged articles come from the
cache) and reloads the open pages. A save of an article's body, title or summary is on screen
at once, before its build ends. A save that breaks the build prints the errors here and over
the page, while the last good site stays served. Stop with Ctrl-C.

Options:
  --root DIR    Project folder (default: the current folder)
  --port N      Port (default: 8080; 0 picks a free one)
  --host HOST   Address to listen on (default: 127.0.0.1, this computer only)
  --drafts      Show articles with status: draft too
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        root: { type: 'string' },
        port: { type: 'string', default: '8080' },
        host: { type: 'string', default: '127.0.0.1' },
        drafts: { type: 'boolean' },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port \`${values.port}\` is not a port number (0–65535).`);
    const root = resolve(io.cwd, values.root ?? '.');
    const { config } = await readConfig(root);
    const output = resolve(root, config.output);

    let server: DevServer | undefined;
    const cacheDir = join(root, CACHE_DIR);
    const templates = join(PACKAGE_ROOT, 'templates');
    const overrides = { drafts: values.drafts };
    // Saves of article bodies, titles and summaries are shown at once (savePreviewer), before
    // the build that writes them. The previewer is made after the first build, and again after
    // the build that follows a save of anything else (settings, places, templates).
    let previewer: Promise<SavePreviewer> | undefined;
    let lastPreview = 0;
    const showPreviews = async (paths: readonly string[]) => {
      const p = await previewer;
      for (const path of paths) {
        const outcome = await p?.preview(path, server?.openPages() ?? new Set()).catch(() => undefined);
        for (const { url, html } of outcome?.pages ?? []) if (server) lastPreview = server.preview(url, html);
        // A broken save is shown over the open pages at once; its build will say the same, with
        // any other file's errors.
        if (outcome?.errors.length) return publish({ state: 'failed', text: formatMessages(outcome.errors) });
      }
    };
    /** After a build: `remade` when it made a new model of the site (a good build of more than bodies). */
    const built = async (remade: boolean) => {
      if (previewer) (await previewer).built(remade);
      else previewer = savePreviewer(root, cacheDir, templates, overrides);
    };
    // What the open pages were last told (the first build's, before the server started, too).
    let state: BuildState = { state: 'building' };
    const publish = (now: BuildState, fresh?: ReadonlySet<string>) => {
      state = now;
      server?.publish(now, fresh);
    };
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
          publish({ state: 'building' });
          const started = performance.now();
          // The previews made so far are of saves this build reads.
          const upTo = lastPreview;
          try {
            const report = await runBuild({ root, overrides, cacheDir });
            if (report.messages.length > 0) io.stderr(`${formatMessages(report.messages)}\n`);
            if (report.ok) {
              const { warnings } = countMessages(report.messages);
              io.stdout(
                `${reason}: ${report.upToDate ? 'up to date' : `built ${plural(report.articles, 'article')}`} in ${seconds(performance.now() - started)}${warnings ? `, ${plural(warnings, 'warning')}` : ''}.\n`,
              );
              await built(!report.bodyOnly && !report.upToDate);
              publish({ state: 'ok', builtAt: Date.now() }, await server?.settle(upTo));
              collectGarbage();
            } else {
              io.stderr(`${reason}: the build failed; still serving the last good site.\n`);
              await built(false);
              await server?.settle(upTo);
              publish({ state: 'failed', text: formatMessages(report.messages.filter((m) => m.severity === 'error')) });
            }
          } catch (error) {
            const text = (error as Error).message;
            io.stderr(`${reason}: ${text}\n`);
            await built(false);
            await server?.settle(upTo);
            publish({ state: 'failed', text });
          }
        } while (again);
        running = undefined;
      })();
      return running;
    };

    await rebuild('First build');
    server = await startDevServer(output, values.host, port, state);
    if (server.busyPort !== undefined) io.stdout(`Port ${server.busyPort} is in use (another server?): serving on the next free one.\n`);
    io.stdout(`Serving ${server.url} (Ctrl-C to stop). Watching for changes…\n`);

    const contentDir = join(root, config.content);
    const watched = [contentDir, templates, join(PACKAGE_ROOT, 'public')];
    const watchers: FSWatcher[] = watched.map((dir) =>
      watch(dir, { recursive: true }, (_event, name) => schedule(name ? join(dir, String(name)) : dir)),
    );
    watchers.push(watch(root, (_event, name) => name === CONFIG_FILE && schedule(join(root, CONFIG_FILE))));
    // A watched folder deleted or moved: say so and keep serving the last good site.
    for (const w of watchers)
      w.on('error', (error) => io.stderr(`Stopped watching a folder: ${error.message}. Restart dateline serve to watch it again.\n`));
    let timer: NodeJS.Timeout | undefined;
    let changed = new Set<string>();
    function schedule(path: string) {
      changed.add(path);
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const paths = [...changed];
        const names = paths.map((p) => p.slice(root.length + 1) || p);
        changed = new Set();
        // Article files only: their previews first, before the build writes the state they are
        // made from.
        const articles = paths.every((p) => p.startsWith(contentDir + sep) && ARTICLE_FILE.test(p));
        if (articles) await showPreviews(paths);
        else {
          void previewer?.then((p) => p.close());
          previewer = undefined;
        }
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
    await (await previewer)?.close();
    await server.close();
    return 0;
  },
};
