// The health engine (and execa with it) is loaded only once the tree uses it: a service's
// `monitor` file, or the tree's settings or alert hook (DIR/.svtui/monitrc, DIR/.svtui/alert; not
// DIR/.svtui/ itself, where `svtui monitor` leaves its lock). A tree without them pays for no
// import, no cycle timer and no state. svtui scan writes every start and exit to svtui-events
// itself, so nothing is lost while the engine is not there (an earlier lazy loading was taken
// back when the engine still wrote those for every service). Looked for at start, at a rescan
// asked for (SIGHUP), and at every LOOK_EVERY-th periodic rescan: 30 s, the pace at which a
// running engine picks up a new `monitor` file too (its default cycle).
import { statSync } from 'node:fs';
import { join } from 'node:path';

/** Periodic rescans (5 s each) between two looks for a `monitor` file. */
export const LOOK_EVERY = 6;

export interface Attached {
  stop(): Promise<void>;
}

export interface HealthWhenUsed {
  /** Look for rules now (`asked`: a rescan someone asked for) or at the periodic pace. */
  look(asked: boolean): void;
  /** Settled once the engine that the last look found a use for is attached. */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

/** Whether the tree `dir` with these services has rules, settings or an alert hook. */
export function treeUsesHealth(dir: string, services: Iterable<string>): boolean {
  const has = (path: string) => statSync(path, { throwIfNoEntry: false }) !== undefined;
  if (has(join(dir, '.svtui', 'monitrc')) || has(join(dir, '.svtui', 'alert'))) return true;
  for (const name of services) if (has(join(dir, name, 'monitor'))) return true;
  return false;
}

export function healthWhenUsed(
  used: () => boolean,
  attach: () => Promise<Attached>,
  warn: (line: string) => void,
): HealthWhenUsed {
  let attached: Promise<Attached | undefined> | undefined;
  let rescans = 0;
  let stopped = false;
  const look = (asked: boolean) => {
    if (attached || stopped) return;
    if (!asked && ++rescans % LOOK_EVERY !== 0) return;
    if (!used()) return;
    attached = attach().catch((error: Error) => {
      warn(`health: ${error.message}`);
      attached = undefined; // looked for again at the next look
      return undefined;
    });
  };
  return {
    look,
    async ready() {
      await attached;
    },
    async stop() {
      stopped = true;
      await (await attached)?.stop();
    },
  };
}
