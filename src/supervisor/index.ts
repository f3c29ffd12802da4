// The supervisor library: `svtui scan` and the console's embedded mode both call startSupervisor.
// It takes the same locks and writes the same files as `svtui scan`, so status and control work
// exactly as when the console attaches to a separate supervisor.
//
// Locks: supervise/lock is held with flock(2) through src/adapters/lock.ts — flock(1) locks our
// own open file description and exits, so the lock costs one ~2 ms process when taken and nothing
// while held (no helper process, no native addon), and daemontools/runit see it as held.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeError } from '../codec/errors.js';
import type { ServiceHistory } from '../codec/history.js';
import type { Phase } from '../core/service.js';
import type { Want } from '../codec/status.js';
import { describeOwner, probeTreeOwner } from '../control/supervisor-kind.js';
import { recordResources, type ResourceRecorder } from '../resources/recorder.js';
import { wallClock } from './clock.js';
import { healthWhenUsed, treeUsesHealth } from './health-when-used.js';
import { Tree } from './tree.js';
import { monitorWatching } from '../tree-monitor/watching.js';

/** svscan rescans every 5 seconds. */
export const RESCAN_MS = 5000;
/** How long a service (or a draining logger) gets between TERM and KILL when stopping. */
export const DEFAULT_GRACE_MS = 5000;

export interface SupervisorOptions {
  /** The service tree (svscan's DIR). */
  dir: string;
  /** Diagnostic lines (no trailing newline); default: process.stderr. */
  stderr?: (line: string) => void;
  /** TERM-to-KILL grace period when stopping; default 5 s. */
  graceMs?: number;
  /**
   * Whether services inherit this process's stdin, stdout and stderr, as under svscan (`svtui
   * scan` passes true). Default false: services get /dev/null, so a console hosting the
   * supervisor keeps its terminal to itself (a logged service's stdout still goes to its logger).
   */
  inheritStdio?: boolean;
  /**
   * Run the health engine (src/health) on services with a `monitor` file; default true. It is
   * loaded once the tree has one (or .svtui/monitrc or .svtui/alert): src/supervisor/health-when-used.ts.
   */
  health?: boolean;
  /**
   * Keep every service's resource history (supervise/svtui-resources: /proc every 2 s, which the
   * health engine's resource rules read too); default true.
   */
  resources?: boolean;
}

export interface ServiceSnapshot {
  /** `NAME` or `NAME/log`. */
  name: string;
  phase: Phase;
  pid: number;
  want: Want;
  paused: boolean;
  /** The directory is no longer in the tree, but its process still runs (daemontools keeps it). */
  removed: boolean;
  history: ServiceHistory;
  /** Why it cannot start, while it cannot. */
  problem?: string;
  /** It said it is ready (notification-fd, ./check) since its last start. */
  ready: boolean;
}

export interface Supervisor {
  /** Stop every service, then every logger (like SIGTERM to `svtui scan`); resolves when all are gone. */
  stop(): Promise<void>;
  /** Called with the service name (`NAME` or `NAME/log`) whenever its state changes. */
  onChange(listener: (serviceName: string) => void): () => void;
  /** Rescan now (SIGHUP). */
  rescan(): Promise<void>;
  /** What every supervised slot is doing, sorted by name. */
  services(): ServiceSnapshot[];
}

/** Supervise every service in `options.dir`; throws a one-line Error when the tree is owned. */
export async function startSupervisor(options: SupervisorOptions): Promise<Supervisor> {
  const dir = resolve(options.dir);
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (error) {
    throw new Error(`unable to chdir to ${options.dir}: ${describeError(error)}`);
  }
  // s6-svscan owns the tree: its s6-supervise processes hold the services (their record locks
  // refuse each one anyway); say who, once, instead of a lock error per service.
  const owner = probeTreeOwner(dir);
  if (owner.running) {
    throw new Error(
      `unable to supervise ${options.dir}: ${describeOwner('s6-svscan', owner.pid)} supervises it`,
    );
  }
  const monitor = await monitorWatching(dir);
  if (monitor) {
    throw new Error(
      `unable to supervise ${options.dir}: svtui monitor${monitor.pid ? ` (pid ${monitor.pid})` : ''} watches it; stop it first (svtui scan runs the monitor files itself)`,
    );
  }
  const warn = options.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = wallClock();
  const listeners = new Set<(name: string) => void>();
  const tree = new Tree({
    dir,
    graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
    inheritStdio: options.inheritStdio ?? false,
    now,
    warn,
    changed: (name) => {
      for (const listener of listeners) listener(name);
    },
  });
  await tree.start();
  const recorder = options.resources === false ? undefined : recordTree(dir, tree, warn);
  const health =
    options.health === false
      ? undefined
      : healthWhenUsed(
          () => treeUsesHealth(dir, activeNames(tree)),
          () => attachHealthTo(dir, tree, listeners, warn, recorder),
          warn,
        );
  health?.look(true);
  await health?.ready();
  const timer = setInterval(() => {
    void tree.rescan();
    health?.look(false);
  }, RESCAN_MS);
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      clearInterval(timer);
      recorder?.stop();
      stopped ??= Promise.all([health?.stop(), tree.stop()]).then(() => undefined);
      return stopped;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // Asked for (SIGHUP): rules in a service found by this rescan count too.
    rescan: () => tree.rescan().then(() => health?.look(true)),
    services() {
      const out: ServiceSnapshot[] = [];
      for (const entry of tree.entries.values()) {
        for (const slot of [entry.service, entry.log]) {
          if (!slot) continue;
          const s = slot.state;
          out.push({
            name: slot.label,
            phase: s.phase,
            pid: s.pid,
            want: s.want,
            paused: s.paused,
            removed: !entry.active,
            history: s.history,
            problem: s.problem,
            ready: s.readyAt !== undefined,
          });
        }
      }
      return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

/**
 * The resource history of the tree's services (not their loggers): the active entries, a
 * removed one's file closed. Log lines are counted where svtui runs the logger itself.
 */
function recordTree(dir: string, tree: Tree, warn: (line: string) => void): ResourceRecorder {
  return recordResources({
    superviseDir: (name) => join(dir, name, 'supervise'),
    services() {
      const out = [];
      for (const entry of tree.entries.values()) {
        const state = entry.service?.state;
        if (!entry.active || !state) continue;
        out.push({
          name: entry.name,
          pid: state.pid,
          starts: state.history.starts,
          logLines: entry.pipe?.linesRead,
        });
      }
      return out;
    },
    warn,
  });
}

function* activeNames(tree: Tree): Iterable<string> {
  for (const entry of tree.entries.values()) if (entry.active) yield entry.name;
}

/**
 * The health engine on this tree's services: starts and exits from the change notices, actions
 * through the same path as `svc` letters, resource figures from the tree's recorder. Loaded on
 * demand: it brings execa.
 */
async function attachHealthTo(
  dir: string,
  tree: Tree,
  listeners: Set<(name: string) => void>,
  warn: (line: string) => void,
  resources: ResourceRecorder | undefined,
): Promise<{ stop(): Promise<void> }> {
  const { attachHealth } = await import('../health/attach.js');
  const entryNamed = (name: string) => {
    for (const entry of tree.entries.values()) {
      if (entry.active && entry.name === name) return entry;
    }
    return undefined;
  };
  const service = (name: string) => entryNamed(name)?.service;
  return attachHealth(
    {
      dir,
      names: () => [...tree.entries.values()].filter((e) => e.active).map((e) => e.name),
      process: (name) => {
        const state = service(name)?.state;
        if (!state) return undefined;
        const { notificationFd, check } = state.settings;
        return {
          pid: state.pid,
          lastExit: state.history.lastExit,
          readiness: notificationFd !== undefined || check,
          ready: state.readyAt !== undefined,
        };
      },
      events(name) {
        const entry = entryNamed(name);
        return entry ? tree.eventLog(entry, 'service') : undefined;
      },
      recordsLifecycle: true,
      onChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      control(name, letters) {
        const slot = service(name);
        for (const letter of letters) slot?.dispatch({ kind: 'control', letter });
      },
    },
    { warn, resources },
  );
}
