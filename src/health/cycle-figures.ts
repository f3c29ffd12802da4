// Pure: the figures a cycle's resource rules read, from the resource recorder's samples (the
// records of supervise/svtui-resources, every 2 s). CPU is the mean of the samples taken since
// the previous cycle — monit's CPU is the cycle's average too — and memory, children and threads
// are the newest sample's. A cycle shorter than the sampling pace that saw no new sample reads
// the newest one again. Each cycle's figures carry the pid they were taken of, so a service that
// started again meanwhile is not judged on its previous process's figures.
import type { ServiceResources } from '../resources/figures.js';
import type { Figures } from './engine.js';
import { figuresOf } from './real-probes.js';

interface Gathered {
  newest: ServiceResources;
  cpu: number;
  cpuSamples: number;
  totalcpu: number;
  totalSamples: number;
}

export class CycleFigures {
  readonly #gathered = new Map<string, Gathered>();
  readonly #cycle = new Map<string, { pid: number; figures: Figures }>();

  /** A sample of a watched service, as the recorder takes it. */
  add(sample: ServiceResources): void {
    let g = this.#gathered.get(sample.id);
    if (!g || g.newest.pid !== sample.pid) {
      g = { newest: sample, cpu: 0, cpuSamples: 0, totalcpu: 0, totalSamples: 0 };
      this.#gathered.set(sample.id, g);
    }
    g.newest = sample;
    if (sample.main?.cpu !== undefined) {
      g.cpu += sample.main.cpu;
      g.cpuSamples++;
    }
    if (sample.tree.cpu !== undefined) {
      g.totalcpu += sample.tree.cpu;
      g.totalSamples++;
    }
  }

  /** A cycle begins: its figures are what was gathered since the last one. */
  close(): void {
    for (const [name, g] of this.#gathered) {
      const figures = figuresOf(g.newest);
      if (!figures) continue;
      if (g.cpuSamples > 0) figures.cpu = g.cpu / g.cpuSamples;
      if (g.totalSamples > 0) figures.totalcpu = g.totalcpu / g.totalSamples;
      this.#cycle.set(name, { pid: g.newest.pid, figures });
    }
    this.#gathered.clear();
  }

  /** The current cycle's figures of a service whose process is `pid`. */
  figures(name: string, pid: number): Figures | undefined {
    const c = this.#cycle.get(name);
    return c && c.pid === pid ? c.figures : undefined;
  }

  forget(name: string): void {
    this.#gathered.delete(name);
    this.#cycle.delete(name);
  }
}
