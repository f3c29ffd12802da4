// Pure: one sweep of /proc (and the one before it) → each service's figures, for its main process
// and for its whole tree. A service's tree is its session: ./run starts in a new session (setsid),
// so its sid is the run's pid while it lives, every child keeps it, and it outlives the run for
// processes left behind. A main process that is not a session leader (daemontools' supervise
// does not call setsid) gets monit's tree instead: itself and its descendants by ppid links.
import type { ProcStat } from './proc-parse.js';

/** A service to measure: its main process (./run), or the last one, whose session may linger. */
export interface ServiceRef {
  id: string;
  pid: number;
}

export interface Figures {
  /**
   * CPU in % of one core over the last tick, as top and ps show it: 100 × Δ(utime + stime) /
   * clock ticks per second / Δwall; a busy process with four threads shows up to 400 %.
   * monit's `cpu` is different: it divides that by the thread count when the process has fewer
   * threads than there are cores, else by the number of cores, and caps at 100 % — so one busy
   * thread reads 100 % alone and 25 % once it starts a fourth idle thread on a 4-core box.
   * Undefined on the first sweep (monit's `-`).
   */
  cpu?: number;
  rssKB: number;
  /** From smaps_rollup at a slower pace; where a process has none yet, its RSS stands in. */
  pssKB?: number;
  threads: number;
  /** Main process: its direct children. Tree: every process of the tree but the main one. */
  children: number;
}

export interface ServiceResources {
  id: string;
  pid: number;
  /** Undefined when the main process is gone. */
  main?: Figures;
  /** The session (or descendants); `processes` 0 when nothing of the service runs. */
  tree: Figures & { processes: number };
}

export interface Units {
  clockTicks: number;
  pageSize: number;
}

/** What a PSS pass found, keyed by pid; starttime guards against pid reuse. */
export type PssTable = ReadonlyMap<number, { starttime: number; kb: number }>;

export interface Sweep {
  procs: readonly ProcStat[];
  /** Monotonic milliseconds when the sweep was taken. */
  at: number;
}

export class SweepIndex {
  readonly byPid = new Map<number, ProcStat>();
  readonly bySid = new Map<number, ProcStat[]>();
  readonly byParent = new Map<number, ProcStat[]>();

  constructor(procs: readonly ProcStat[]) {
    for (const p of procs) {
      this.byPid.set(p.pid, p);
      push(this.bySid, p.sid, p);
      push(this.byParent, p.ppid, p);
    }
  }

  /** The processes of the tree of main pid `pid`. */
  tree(pid: number): ProcStat[] {
    const main = this.byPid.get(pid);
    if (!main || main.sid === pid) return this.bySid.get(pid) ?? [];
    const out = [main];
    for (let i = 0; i < out.length; i++) out.push(...(this.byParent.get(out[i]!.pid) ?? []));
    return out;
  }
}

function push(map: Map<number, ProcStat[]>, key: number, p: ProcStat): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}

/**
 * Figures for each service from this sweep and the previous one. `pss` is undefined until the
 * first PSS pass. A process absent from the previous sweep was born since, so all its ticks fall
 * inside the interval.
 */
export function measureServices(
  services: readonly ServiceRef[],
  now: Sweep & { index: SweepIndex },
  before: (Sweep & { index: SweepIndex }) | undefined,
  units: Units,
  pss: PssTable | undefined,
): ServiceResources[] {
  const seconds = before ? (now.at - before.at) / 1000 : 0;
  const cpuOf = (p: ProcStat): number | undefined => {
    if (!before || seconds <= 0) return undefined;
    const old = before.index.byPid.get(p.pid);
    const ticks = old && old.starttime === p.starttime ? p.ticks - old.ticks : p.ticks;
    return (100 * Math.max(0, ticks)) / units.clockTicks / seconds;
  };
  const kb = units.pageSize / 1024;
  const pssOf = (p: ProcStat): number => {
    const known = pss?.get(p.pid);
    return known && known.starttime === p.starttime ? known.kb : p.rssPages * kb;
  };
  return services.map(({ id, pid }) => {
    const members = pid > 0 ? now.index.tree(pid) : [];
    const mainStat = pid > 0 ? now.index.byPid.get(pid) : undefined;
    const tree: ServiceResources['tree'] = {
      rssKB: 0,
      threads: 0,
      children: members.length - (mainStat && members.includes(mainStat) ? 1 : 0),
      processes: members.length,
      ...(before ? { cpu: 0 } : {}),
      ...(pss ? { pssKB: 0 } : {}),
    };
    for (const p of members) {
      tree.rssKB += p.rssPages * kb;
      tree.threads += p.threads;
      if (tree.cpu !== undefined) tree.cpu += cpuOf(p) ?? 0;
      if (tree.pssKB !== undefined) tree.pssKB += pssOf(p);
    }
    const result: ServiceResources = { id, pid, tree };
    if (mainStat) {
      const cpu = cpuOf(mainStat);
      result.main = {
        rssKB: mainStat.rssPages * kb,
        threads: mainStat.threads,
        children: now.index.byParent.get(pid)?.length ?? 0,
        ...(cpu !== undefined ? { cpu } : {}),
        ...(pss ? { pssKB: pssOf(mainStat) } : {}),
      };
    }
    return result;
  });
}
