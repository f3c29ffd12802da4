// The health engine attached to a running supervisor (`svtui scan`, the embedded console): the
// adapter between HealthEngine and the tree. Every cycle it looks at each service's `monitor`
// file (read again when its size or mtime changes; a broken one keeps the last good rules), runs
// the engine, saves each monitored service's state to supervise/svtui-monitor.json and appends
// its events to supervise/svtui-events. Starts and exits come from the supervisor's change
// notices; intents go back as control letters, exactly as `svc` sends them: start `u`, stop `d`,
// restart `u` then `t` (want up, TERM: supervise starts it again). `exec` and alerts run with
// execa in the background, alerts behind a per-service rate limit (alert-hook.ts); a stop kills
// the process groups of checks and commands still running. Only services with a `monitor` file
// are watched: a tree without rules gets no rule state in supervise/ (svtui scan itself writes
// every start and exit to svtui-events). Resource
// rules read the samples of the tree's resource recorder (src/resources/recorder.ts), which keeps
// every service's history: one /proc sweep serves both.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseMonitrc, type TreeSettings } from '../monitor/index.js';
import { alertEnvironment } from './alert-env.js';
import { AlertHook } from './alert-hook.js';
import type { AlertLimit } from './alert-limit.js';
import { HealthEngine, type Figures, type Intent } from './engine.js';
import type { HealthEvent } from './event.js';
import { EventLog } from './event-log.js';
import { ChildGroups } from './group-timeout.js';
import { realProbes } from './real-probes.js';
import type { SampleListener } from '../resources/recorder.js';
import { CycleFigures } from './cycle-figures.js';
import { runCommand } from './run-command.js';
import { loadState, saveState } from './state-file.js';

/** What the health engine needs of a supervisor. */
export interface HealthHost {
  /** The tree (svscan's DIR). */
  dir: string;
  /** Names of the services in the tree now (no `NAME/log`). */
  names(): string[];
  /**
   * A service's process now: pid 0 while down; the last exit, for the event; whether it has a
   * readiness signal (s6's notification-fd, runit's ./check) and has given it since its start.
   */
  process(
    name: string,
  ): { pid: number; lastExit?: ExitHow; readiness?: boolean; ready?: boolean } | undefined;
  /** The service's event log, when the supervisor writes to it too (one writer per file). */
  events?(name: string): EventLog | undefined;
  /**
   * The supervisor writes every start and exit to the event log itself (svtui scan: for every
   * service, monitored or not); the engine's own start and exit events are then not written.
   */
  recordsLifecycle?: boolean;
  onChange(listener: (name: string) => void): () => void;
  /** Send control letters as `svc` does (supervise/control). */
  control(name: string, letters: string): void;
}

export type ExitHow = { kind: 'exit'; code: number } | { kind: 'signal'; signal: string };

export interface HealthOptions {
  clock?: () => number;
  warn?: (line: string) => void;
  /**
   * The tree's resource recorder (src/resources/recorder.ts), which samples every service every
   * 2 s for its history: resource rules read its samples (CPU: their mean over the cycle, see
   * cycle-figures.ts), so a rule judges the figures the history holds and /proc is swept once.
   */
  resources?: { onSample(listener: SampleListener): () => void };
  /** Figures given outright instead (tests); without either, resource rules have none. */
  figures?: (name: string) => Figures | undefined;
  /** Alert hook runs per service and window; default DEFAULT_ALERT_LIMIT (5 in 10 minutes). */
  alertLimit?: AlertLimit;
}

export interface AttachedHealth {
  settings: TreeSettings;
  /** One cycle now (tests; the timer calls it every `set daemon` seconds). */
  cycle(): Promise<void>;
  stop(): Promise<void>;
}

interface Watched {
  version: string;
  log: EventLog;
  /** The log is this module's own (svtui monitor), not the supervisor's: closed when unwatched. */
  ownLog: boolean;
  pid: number;
}

export async function attachHealth(
  host: HealthHost,
  options: HealthOptions = {},
): Promise<AttachedHealth> {
  const clock = options.clock ?? Date.now;
  const warn = options.warn ?? (() => undefined);
  const settingsFile = join(host.dir, '.svtui', 'monitrc');
  const text = await readFile(settingsFile, 'utf8').catch(() => '');
  const parsed = parseMonitrc(text, settingsFile);
  for (const e of parsed.errors)
    warn(`${e.file}:${e.line}:${e.column}: expected ${e.expected}, got ${e.got}`);
  const settings = parsed.settings;
  const cycleMs = settings.cycleSeconds * 1000;
  const watched = new Map<string, Watched>();
  const serviceDir = (name: string) => join(host.dir, name);
  const record = (event: HealthEvent) => {
    if (host.recordsLifecycle && (event.kind === 'start' || event.kind === 'exit')) return;
    void watched.get(event.service)?.log.append(event);
  };
  const groups = new ChildGroups();
  const alerts = new AlertHook({
    hook: join(host.dir, '.svtui', 'alert'),
    cwd: host.dir,
    ...(options.alertLimit ? { limit: options.alertLimit } : {}),
    ...(settings.alert ? { to: settings.alert.to } : {}),
    clock,
    record,
    warn,
  });
  const act = (intent: Intent) => {
    const { service, action, event } = intent;
    const env = () =>
      alertEnvironment(event, {
        host: hostname(),
        pid: host.process(service)?.pid || undefined,
        figures: figures(service),
      });
    switch (action.kind) {
      case 'start':
        return host.control(service, 'u');
      case 'stop':
        return host.control(service, 'd');
      case 'restart':
        return host.control(service, 'ut');
      case 'unmonitor':
        return;
      case 'exec':
        return void runCommand(action.command.argv, {
          cwd: serviceDir(service),
          env: env(),
          groups,
        }).then((o) => o.ok || warn(`${service}: exec "${action.command.text}": ${o.text}`));
      case 'alert':
        return alerts.send(event, env());
    }
  };
  const gathered = new CycleFigures();
  const figures =
    options.figures ?? ((name: string) => gathered.figures(name, host.process(name)?.pid ?? 0));
  // Only the watched services' samples are kept (those with a monitor file).
  const unsample = options.resources?.onSample((samples) => {
    for (const s of samples) if (watched.has(s.id)) gathered.add(s);
  });
  const engine = new HealthEngine({
    clock,
    probes: realProbes(clock, undefined, groups),
    figures,
    onIntent: act,
    onEvent: record,
    graceMs: cycleMs,
    reminderCycles: settings.alert?.reminderCycles,
  });

  /** Pick up new, changed and removed `monitor` files. */
  const refresh = async () => {
    const names = host.names();
    await Promise.all(
      names.map(async (name) => {
        const file = join(serviceDir(name), 'monitor');
        // Most services have no monitor file: a stat that throws for each (an Error with its
        // stack, every cycle, for 500 services) cost more than the whole cycle's real work.
        const st = statSync(file, { throwIfNoEntry: false });
        const w = watched.get(name);
        if (!st) {
          if (w) {
            await saveState(join(serviceDir(name), 'supervise'), engine.save(name)!).catch(
              () => undefined,
            );
            unwatch(name);
          }
          return;
        }
        const version = `${st.size}:${st.mtimeMs}`;
        if (w?.version === version) return;
        const body = await readFile(file, 'utf8').catch(() => undefined);
        if (body === undefined) return;
        const supervise = join(serviceDir(name), 'supervise');
        if (!w) {
          const shared = host.events?.(name);
          watched.set(name, {
            version,
            log: shared ?? new EventLog(supervise, undefined, (e) => warn(`${name}: ${e.message}`)),
            ownLog: shared === undefined,
            pid: 0,
          });
          engine.load(name, serviceDir(name), body, `${name}/monitor`);
          const saved = await loadState(supervise);
          if (saved) engine.restore(name, serviceDir(name), saved);
          noticed(name);
        } else {
          w.version = version;
          engine.load(name, serviceDir(name), body, `${name}/monitor`);
        }
      }),
    );
    const present = new Set(names);
    for (const name of watched.keys()) if (!present.has(name)) unwatch(name);
  };

  const unwatch = (name: string) => {
    const w = watched.get(name);
    if (w?.ownLog) w.log.close();
    engine.forget(name);
    gathered.forget(name);
    watched.delete(name);
  };

  /** A start, an exit or readiness of a watched service, from the supervisor's change notice. */
  const noticed = (name: string) => {
    const w = watched.get(name);
    const now = w && host.process(name);
    if (!w || !now) return;
    if (now.pid !== w.pid) {
      if (w.pid !== 0) {
        const how = now.lastExit;
        engine.exited(name, how?.kind === 'signal' ? { signal: how.signal } : { code: how?.code });
      }
      if (now.pid !== 0) {
        engine.started(name, serviceDir(name), now.pid, undefined, now.readiness ?? false);
      }
      w.pid = now.pid;
    }
    // The grace after a start ends here for a service that signals readiness.
    if (now.pid !== 0 && now.ready) engine.ready(name);
  };
  const unsubscribe = host.onChange(noticed);

  const saveAll = () =>
    Promise.all(
      [...watched.keys()].map((name) => {
        const saved = engine.save(name);
        return (
          saved && saveState(join(serviceDir(name), 'supervise'), saved).catch(() => undefined)
        );
      }),
    );

  // A cycle's reading of the monitor files and saving of the state is not started again while
  // the last one's is still going (a busy box, a hundred state files): two of them would read
  // a new monitor file twice and save over each other. Probes still running are no reason to
  // wait: each check runs on its own, and the engine does not start one that is running.
  let housekeeping = false;
  const cycle = async () => {
    if (housekeeping) return;
    housekeeping = true;
    let probes: Promise<unknown>;
    try {
      await refresh();
      gathered.close();
      probes = engine.tick();
      await saveAll();
    } finally {
      housekeeping = false;
    }
    await probes;
  };
  await refresh();
  // `set daemon N with start delay D`: the first cycle D seconds after the start, as monit.
  const run = () => void cycle().catch((e: Error) => warn(`health: ${e.message}`));
  let timer: NodeJS.Timeout | undefined;
  const delay = setTimeout(() => {
    timer = setInterval(run, cycleMs);
  }, settings.startDelaySeconds * 1000);
  return {
    settings,
    cycle,
    async stop() {
      // A probe still running is not waited for: its result would be dropped anyway, and its
      // process group is killed (a detached check would outlive us).
      clearTimeout(delay);
      clearInterval(timer);
      unsubscribe();
      unsample?.();
      groups.killAll();
      await Promise.all([saveAll(), alerts.stop()]);
      for (const w of watched.values()) if (w.ownLog) w.log.close();
    },
  };
}
