// Pure: the process table after a sweep → each service's figures, for its main process and for
// its whole tree (walked through the lists the table threads through its processes; nothing but
// the figures themselves is made). A service's tree is its session: ./run starts in a new session (setsid),
// so its sid is the run's pid while it lives, every child keeps it, and it outlives the run for
// processes left behind. A main process that is not a session leader (daemontools' supervise
// does not call setsid) gets monit's tree instead: itself and its descendants by ppid links.
import type { Proc } from './proc-table.js';

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

/** What measureServices reads of the table (src/resources/proc-table.ts) after a sweep. */
export interface ProcView {
  readonly cpuKnown: boolean;
  get(pid: number): Proc | undefined;
  fresh(p: Proc): boolean;
  session(sid: number): Proc | undefined;
  firstChild(p: Proc): Proc | undefined;
}

/** One service's sums and what they need, and a walk of a tree that is not a session: module
 * state reused by every call, so measuring makes nothing but the figures. */
const sum = { processes: 0, rssKB: 0, pssKB: 0, threads: 0, cpu: 0 };
const ctx = { table: undefined as ProcView | undefined, kb: 4, hz: 100, pss: false };
const stack: Proc[] = [];

function add(p: Proc): void {
  sum.processes++;
  sum.rssKB += p.rssPages * ctx.kb;
  sum.threads += p.threads;
  if (ctx.table!.cpuKnown) sum.cpu += cpuOf(p, ctx.table!, ctx.hz) ?? 0;
  if (ctx.pss) sum.pssKB += pssOf(p, ctx.kb);
}

/**
 * Figures for each service from the last sweep. `pss`: a PSS pass has run, so a process's PSS
 * figure is its smaps_rollup, or its RSS where none was read yet. CPU is each process's tick
 * delta since its previous read; one born since the sweep before counts all its ticks.
 * With `into`, each of its entries that is there is updated in place and kept (the recorder's
 * 500 samples a sweep, made once instead of three objects per service per sweep).
 */
export function measureServices(
  services: readonly ServiceRef[],
  table: ProcView,
  units: Units,
  pss: boolean,
  into: (ServiceResources | undefined)[] = new Array<ServiceResources>(services.length),
): ServiceResources[] {
  const kb = units.pageSize / 1024;
  const hz = units.clockTicks;
  const cpuKnown = table.cpuKnown;
  ctx.table = table;
  ctx.kb = kb;
  ctx.hz = hz;
  ctx.pss = pss;
  for (let i = 0; i < services.length; i++) {
    const { id, pid } = services[i]!;
    const mainStat = pid > 0 ? table.get(pid) : undefined;
    sum.processes = sum.rssKB = sum.pssKB = sum.threads = sum.cpu = 0;
    if (pid > 0 && (!mainStat || mainStat.sid === pid)) {
      for (let p = table.session(pid); p; p = p.nextInSession) add(p);
    } else if (mainStat) {
      // not a session leader: monit's tree, itself and its descendants by ppid
      stack.length = 0;
      stack.push(mainStat);
      while (stack.length > 0) {
        const p = stack.pop()!;
        add(p);
        for (let c = table.firstChild(p); c; c = c.nextSibling) stack.push(c);
      }
    }
    const out = (into[i] ??= {
      id,
      pid,
      main: undefined,
      tree: { cpu: undefined, rssKB: 0, pssKB: undefined, threads: 0, children: 0, processes: 0 },
    });
    out.id = id;
    out.pid = pid;
    const tree = out.tree;
    tree.cpu = cpuKnown ? sum.cpu : undefined;
    tree.rssKB = sum.rssKB;
    tree.pssKB = pss ? sum.pssKB : undefined;
    tree.threads = sum.threads;
    tree.children = sum.processes - (mainStat ? 1 : 0);
    tree.processes = sum.processes;
    if (mainStat) {
      let children = 0;
      for (let c = table.firstChild(mainStat); c; c = c.nextSibling) children++;
      const main = (out.main ??= {
        cpu: undefined,
        rssKB: 0,
        pssKB: undefined,
        threads: 0,
        children: 0,
      });
      main.cpu = cpuKnown ? cpuOf(mainStat, table, hz) : undefined;
      main.rssKB = mainStat.rssPages * kb;
      main.pssKB = pss ? pssOf(mainStat, kb) : undefined;
      main.threads = mainStat.threads;
      main.children = children;
    } else out.main = undefined;
  }
  ctx.table = undefined;
  into.length = services.length;
  return into as ServiceResources[];
}

/** % of one core over the process's last interval; undefined when it has none. */
function cpuOf(p: Proc, table: ProcView, hz: number): number | undefined {
  if (!table.fresh(p)) return 0; // kept from an earlier sweep: nothing known of it since
  if (!(p.deltaMs > 0)) return undefined;
  return (100 * Math.max(0, p.deltaTicks)) / hz / (p.deltaMs / 1000);
}

function pssOf(p: Proc, kb: number): number {
  return Number.isNaN(p.pssKB) ? p.rssPages * kb : p.pssKB;
}
