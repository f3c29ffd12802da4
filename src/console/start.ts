// The console's composition root: arguments → a tree source (local, or embedded when the operator
// named a tree nothing supervises) → stores and the controller → the first frame → Ink. The first
// screen is drawn as bytes from the same screen model before Ink and React have loaded (the
// import alone costs ~0.3 s); Ink draws over it once it is in.
import { parseConsoleArgs } from './args.js';
import { osc52 } from './clipboard.js';
import { ConsoleController } from './controller.js';
import { writeTextFile } from '../adapters/text-file.js';
import { zoneFromEnv } from '../time/zone.js';
import { readKeysUntilInk } from './early-keys.js';
import { idleCollector } from './idle-gc.js';
import { enterAlternateScreen } from './terminal.js';
import { forgetTerminal } from '../adapters/lost-terminal.js';
import { zoneList } from './zones.js';
import { superviseHere, type Embedded } from '../source/embedded.js';
import { LocalSource, pathKind } from '../source/local/index.js';
import type { TreeSource } from '../source/port.js';
import { MessageStore } from '../store/message-store.js';
import { ServiceStore } from '../store/service-store.js';
import { screenToAnsi } from '../screen/ansi.js';
import { screenLines } from '../screen/screen.js';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseConsoleArgs(argv, process.env, pathKind);
  if (!parsed.ok) return fail(parsed.error, 100);
  const { root, zones: extraZones, explicit } = parsed.args;
  // Zones first: a --tz name that resolves to nothing is a usage error, before any screen.
  const { zones, warnings, unknown } = zoneList(extraZones);
  if (unknown.length > 0) {
    return fail(
      `unknown time zone ${unknown[0]} in --tz (a zoneinfo name such as Europe/Paris, or a POSIX TZ)`,
      100,
    );
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    return fail('the console needs a terminal on stdin and stdout', 100);
  }
  let source: LocalSource;
  try {
    source = new LocalSource(root, { explicit });
  } catch (error) {
    return fail((error as Error).message, 111);
  }
  const messages = new MessageStore();
  // Written to stderr they would flash and vanish under the alternate screen: the status line.
  if (warnings.length > 0) messages.set(`warning: ${warnings.join('; ')}`);
  let access = await source.access();
  let embedded: Embedded | undefined;
  if (access.mode === 'embedded') {
    try {
      embedded = await superviseHere(source, (text) => messages.set(text));
    } catch (error) {
      return fail((error as Error).message, 111);
    }
    access = await source.access();
  }
  if (embedded) {
    messages.set(
      'embedded: this console supervises the tree; q asks before stopping; if the terminal goes, it keeps supervising',
    );
  }
  if (access.why?.code === 'unsupervised') {
    messages.set('nothing supervises it: svtui DIR runs it here, or svtui scan, svscan, runsvdir', {
      sticky: true,
    });
  }
  const services = new ServiceStore();
  services.setServices(await source.list());
  const stopWatching = source.watch((change) => services.apply(change));
  services.getSnapshot(); // the first readings are in: fold them now, for the first frame

  let finished: ((why: NodeJS.Signals | 'quit') => void) | undefined;
  const done = new Promise<NodeJS.Signals | 'quit'>((resolve) => (finished = resolve));
  // TERM or INT from outside quits like `y` would: embedded, the console is the supervisor, and
  // services it leaves behind would have nobody to restart them or to read their logs. A hang-up
  // (the SSH link dropped) is not a decision to stop them: embedded, the console goes headless.
  const terminal = enterAlternateScreen(process.stdout, (signal) => finished?.(signal));
  // A terminal that goes away without a hang-up signal reaching us (its reads end) is one too.
  process.stdin.once('end', () => finished?.('SIGHUP'));
  // Raw mode at once: keys typed before Ink is in are kept for it, not echoed over the screen.
  process.stdin.setRawMode(true);
  const controller = new ConsoleController({
    source,
    services,
    messages,
    access,
    zones,
    noColor: process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '',
    now: Date.now,
    size: { columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 },
    onQuit: () => finished?.('quit'),
    onRedraw: () => repaint(controller),
    onSuspend: () => terminal.suspend(() => repaint(controller)),
    // s6-log's local stamps were written in this box's own zone, whatever TZ this process has.
    stampZone: zoneFromEnv({ ...process.env, TZ: undefined }).zone,
    clipboard: (text) => process.stdout.write(osc52(text)),
    saveText: async (path, text, overwrite) => writeTextFile(path, text, overwrite),
  });
  await controller.start();
  const draw = () => process.stdout.write(screenToAnsi(screenLines(controller.getScreen())));
  draw();

  // Ink and React load only now (~0.5 s, most of it compiling on this thread, and longer beside
  // the rest of a big tree's first reading): started earlier, their loading ran in between the
  // awaits above and could hold the first screen back by as much. Keys typed meanwhile are
  // answered all the same, their frames drawn as the first one was (early-keys.ts).
  let undraw: (() => void) | undefined;
  const stopEarlyKeys = readKeysUntilInk(process.stdin, (input, key) => {
    undraw ??= controller.subscribe(draw);
    controller.keys(input, key);
  });
  const restoreEnv = prepareInkImport();
  const { mountConsole } = await import('../ui/run.js');
  restoreEnv();
  stopEarlyKeys();
  undraw?.();
  const memory = idleCollector();
  const app = await mountConsole(controller, process.stdout, process.stdin, () => memory.poke());
  const why = await done;
  // A hang-up can be said twice (the kernel's, and the terminal's own). Once the screen guard has
  // let go of its handlers, a second HUP would find only signal-exit's listener (Ink's cursor
  // restorer keeps one for good), which raises the signal again: the process killed on its way
  // out, or, embedded, the headless supervisor with it. From here on a HUP changes nothing.
  if (why === 'SIGHUP') process.on('SIGHUP', () => undefined);
  if (why === 'SIGHUP' && embedded) {
    // Nobody to draw for: stop drawing and reading keys, and supervise on as `svtui scan DIR`
    // would, loggers included, until TERM or INT. The next `svtui DIR` attaches to this process.
    memory.stop();
    await controller.close();
    stopWatching();
    app.unmount();
    terminal.leave();
    process.stdin.destroy();
    forgetTerminal();
    await untilStopped();
    await shutDown({ controller, source, embedded, messages, stopWatching });
    return 0;
  }
  await shutDown({ controller, source, embedded, messages, stopWatching });
  memory.stop();
  app.unmount();
  terminal.leave();
  process.stdin.pause();
  if (why === 'SIGHUP') forgetTerminal();
  return 0;
}

/** Headless: wait for TERM or INT (as `svtui scan` does); a further HUP is ignored (see run). */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

async function shutDown(parts: {
  controller: ConsoleController;
  source: TreeSource;
  embedded: Embedded | undefined;
  messages: MessageStore;
  stopWatching: () => void;
}): Promise<void> {
  if (parts.embedded) {
    parts.messages.set('stopping every service and logger…');
    await parts.embedded.stop();
  }
  await parts.controller.close();
  parts.stopWatching();
  await parts.source.close();
  parts.messages.dispose();
}

/**
 * Ink decides at import time whether it runs "in CI" (then it draws only the last frame): on a
 * terminal the console is interactive. React's production build also loads faster. Both are put
 * back once Ink is in, so the services started in embedded mode see the environment they were given.
 */
function prepareInkImport(): () => void {
  const ci = process.env.CI;
  const nodeEnv = process.env.NODE_ENV;
  delete process.env.CI;
  process.env.NODE_ENV ??= 'production';
  return () => {
    if (ci !== undefined) process.env.CI = ci;
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
  };
}

/** Ctrl-L: clear and paint the model again, leaving the cursor where Ink's last frame left it. */
function repaint(controller: ConsoleController): void {
  const lines = screenLines(controller.getScreen());
  process.stdout.write(`\x1b[2J${screenToAnsi(lines)}\x1b[${lines.length + 1};1H`);
}

function fail(message: string, code: number): number {
  process.stderr.write(`svtui: ${message}\n`);
  return code;
}
