// The figures a cycle's resource rules read from the recorder's samples: CPU averaged over the
// cycle's samples, the rest from the newest, none for another process than the one running.
import { describe, expect, it } from 'vitest';
import { CycleFigures } from '../../src/health/cycle-figures.js';
import type { ServiceResources } from '../../src/resources/index.js';

const sample = (pid: number, cpu: number | undefined, rssKB: number): ServiceResources => ({
  id: 'web',
  pid,
  main: { cpu, rssKB, threads: 2, children: 1 },
  tree: {
    cpu: cpu === undefined ? undefined : cpu + 10,
    rssKB: rssKB * 2,
    threads: 3,
    children: 1,
    processes: 2,
  },
});

describe('CycleFigures', () => {
  it('averages CPU over the cycle and takes memory from the newest sample', () => {
    const figures = new CycleFigures();
    figures.add(sample(7, undefined, 100)); // the first sweep has no CPU
    figures.add(sample(7, 40, 200));
    figures.add(sample(7, 80, 300));
    expect(figures.figures('web', 7)).toBeUndefined(); // not before the cycle begins
    figures.close();
    expect(figures.figures('web', 7)).toEqual({
      cpu: 60,
      totalcpu: 70,
      memory: 300 * 1024,
      totalmemory: 600 * 1024,
      threads: 2,
      children: 1,
    });
    // A cycle shorter than the sampling pace: no new sample, the same figures again.
    figures.close();
    expect(figures.figures('web', 7)?.cpu).toBe(60);
  });

  it('gives nothing for another process, and starts over at a new pid', () => {
    const figures = new CycleFigures();
    figures.add(sample(7, 90, 100));
    figures.close();
    expect(figures.figures('web', 8)).toBeUndefined();
    figures.add(sample(7, 90, 100));
    figures.add(sample(8, 10, 100));
    figures.close();
    expect(figures.figures('web', 8)?.cpu).toBe(10);
    figures.forget('web');
    expect(figures.figures('web', 8)).toBeUndefined();
  });
});
