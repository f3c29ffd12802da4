// `svtui [DIR] [--tz ZONE,...]`: the console's composition root. It lists the tree and reads every
// status while Ink loads (the import alone costs ~0.3 s), decides attach or embedded, then mounts
// the UI on the alternate screen and turns the UI's effects into control bytes and log moves.
import { statSync } from 'node:fs';
import { ActionRunner } from '../console/actions.js';
import { parseConsoleArgs, type PathKind } from '../console/args.js';
import { mayControl, sendControl } from '../console/control.js';
import { startEmbedded, type EmbeddedSupervisor } from '../console/embedded.js';
import { LogFeed } from '../console/log-feed.js';
import { detectMode } from '../console/mode.js';
import { Poller } from '../console/poller.js';
import { idleCollector } from '../console/idle-gc.js';
import { firstFrame } from '../console/first-frame.js';
import { enterAlternateScreen } from '../console/screen.js';
import { isSupervised, listServices, observeService } from '../console/tree.js';
import { zoneList } from '../console/zones.js';
import { MessageStore } from '../store/message-store.js';
import { ServiceStore } from '../store/service-store.js';
import type { Effect } from '../store/ui-state.js';
import { layoutHeights } from '../ui/layout.js';

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
  // Start loading Ink now; read the tree meanwhile. Ink decides at import time whether it runs
  // "in CI" (then it draws only the last frame): on a terminal the console is interactive.
  // React's production build also loads faster; both variables are put back once Ink is in,
  // so the services started in embedded mode see the environment they were given.
  const ci = process.env.CI;
  const nodeEnv = process.env.NODE_ENV;
  delete process.env.CI;
  process.env.NODE_ENV ??= 'production';
  const ui = import('../ui/run.js');
  let entries;
  try {
    entries = listServices(root);
  } catch (error) {
    return fail((error as Error).message, 111);
  }
  const messages = new MessageStore();
  // Written to stderr they would flash and vanish under the alternate screen: the status line.
  if (warnings.length > 0) messages.set(`warning: ${warnings.join('; ')}`);
  const { mode, denied } = detectMode(entries, explicit);
  let supervisor: EmbeddedSupervisor | undefined;
  if (mode === 'embedded') {
    try {
      supervisor = await startEmbedded(root, (line) => messages.set(line));
    } catch (error) {
      return fail((error as Error).message, 111);
    }
  }
  const controlled = mode === 'attached' ? entries.find((e) => isSupervised(e.dir)) : undefined;
  const readOnly =
    mode === 'unsupervised' || denied || (controlled !== undefined && !mayControl(controlled.dir));
  const readOnlyWhy = mode === 'unsupervised' ? 'nothing supervises this tree' : undefined;
  if (mode === 'unsupervised') {
    messages.set('nothing supervises it: svtui DIR runs it here, or svtui scan, svscan, runsvdir', {
      sticky: true,
    });
  }

  const now = () => Date.now();
  const services = new ServiceStore();
  let visible: readonly string[] = [];
  const poller = new Poller({ root, store: services, now, visible: () => visible });
  poller.start(entries);
  supervisor?.onChange((name) => poller.refresh(name.replace(/\/log$/, '')));
  const dirOf = (name: string) => services.row(name)?.dir;
  const actions = new ActionRunner({
    send: sendControl,
    observe: observeService,
    refresh: (name) => poller.refresh(name),
    now,
    messages,
  });
  const log = new LogFeed({ dirOf, zones });

  let finished: (() => void) | undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  // A signal from outside quits like `y` would: embedded, the console is the supervisor, and
  // services it leaves behind would have nobody to restart them or to read their logs.
  const screen = enterAlternateScreen(process.stdout, () => finished?.());
  // Raw mode at once: keys typed before Ink is in are kept for it, not echoed over the screen.
  process.stdin.setRawMode(true);
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const columns = process.stdout.columns || 80;
  const rows = process.stdout.rows || 24;
  // Open the first service's log at its final size and draw the first screen as plain text:
  // the same characters Ink will draw once it has loaded.
  log.show({
    selected: entries[0]?.name,
    zone: zones[0]?.name ?? 'UTC',
    logWidth: columns,
    logHeight: layoutHeights(rows, entries.length).logLines,
  });
  process.stdout.write(
    firstFrame({
      columns,
      rows,
      mode,
      readOnly,
      title: root,
      zone: zones[0]?.name ?? 'UTC',
      services: services.getSnapshot().rows,
      log: log.pane.getSnapshot(),
      nowMs: now(),
      noColor,
    }),
  );

  const { mountConsole } = await ui;
  if (ci !== undefined) process.env.CI = ci;
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  const onEffect = (effect: Effect) => {
    if (effect.kind === 'quit') {
      finished?.();
    } else if (effect.kind === 'log') {
      log.move(effect.op);
    } else {
      const dir = dirOf(effect.service);
      if (dir) actions.run(effect.service, dir, effect.letter);
    }
  };
  const memory = idleCollector();
  const app = mountConsole(
    {
      services,
      messages,
      log: log.pane,
      zones: zones.map((z) => z.name),
      title: root,
      mode,
      readOnly,
      readOnlyWhy,
      noColor,
      now,
      onEffect,
      onView: (view) => log.show(view),
      onVisible: (names) => (visible = names),
    },
    process.stdout,
    process.stdin,
    () => memory.poke(),
  );
  setTimeout(() => poller.readRest(), 100); // after the first screen
  await done;
  actions.cancel();
  if (supervisor) {
    messages.set('stopping every service and logger…');
    await supervisor.stop();
  }
  poller.stop();
  log.close();
  memory.stop();
  messages.dispose();
  app.unmount();
  screen.leave();
  process.stdin.pause();
  return 0;
}

function pathKind(path: string): PathKind {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'missing' : 'other';
  }
}

function fail(message: string, code: number): number {
  process.stderr.write(`svtui: ${message}\n`);
  return code;
}
