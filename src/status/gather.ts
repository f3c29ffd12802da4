// Everything `svtui status` reads, for every target: the status (the console's own observation:
// svtui scan, supervise, runsv and s6-supervise alike), the health engine's saved state and the
// events, then the resource figures of the running ones in one go. Reports come out in the
// targets' order.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { isInProcessPid } from '../codec/inprocess-pid.js';
import { STATE_FILE, loadState } from '../health/state-file.js';
import { readServiceEvents } from '../events/read.js';
import { observeService } from '../source/local/observe.js';
import { checksOf } from './checks.js';
import { measure, type MeasureOptions } from './resources.js';
import { buildReport, type CheckReport, type ServiceReport } from './report.js';
import type { Target } from './targets.js';

export async function gatherReports(
  targets: readonly Target[],
  options: MeasureOptions & { clock?: () => number } = {},
): Promise<ServiceReport[]> {
  const clock = options.clock ?? Date.now;
  const read = await Promise.all(
    targets.map(async (t) => {
      const observation = observeService(t.dir);
      const { lines, found } = readServiceEvents(t.dir);
      const events = lines.map((l) => l.event);
      const exitEvents = found ? events.filter((e) => e.kind === 'exit').length : null;
      return { ...t, observation, checks: await readChecks(t.dir, events), exitEvents };
    }),
  );
  const running = read.flatMap((r) => {
    const pid = r.observation.status?.pid ?? 0;
    return pid > 0 && !isInProcessPid(pid) ? [{ dir: r.dir, pid }] : [];
  });
  const figures = await measure(running, { ...options, nowMs: clock() });
  const now = clock();
  return read.map((r) => buildReport({ ...r, resources: figures.get(r.dir) ?? null }, now));
}

/** The rules' state, only while the service has a monitor file (a removed one leaves its state). */
async function readChecks(
  dir: string,
  events: Parameters<typeof checksOf>[1],
): Promise<CheckReport[]> {
  if (mtimeMs(join(dir, 'monitor')) === undefined) return [];
  const supervise = join(dir, 'supervise');
  const saved = await loadState(supervise);
  if (!saved) return [];
  return checksOf(saved, events, mtimeMs(join(supervise, STATE_FILE)) ?? null);
}

/** A file's mtime; undefined when it cannot be seen (missing, or not ours to look at). */
function mtimeMs(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}
