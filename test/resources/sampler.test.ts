// The sampler on real processes: a service whose run forks two children, a CPU burner, and the
// figures checked against /proc read independently. Every process is stopped by pid at the end.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ResourceSampler } from '../../src/resources/sampler.js';
import { startProcess, waitFor } from '../support/processes.js';

const sampler = new ResourceSampler({ pssEvery: 2 });
afterAll(() => sampler.close());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const vmRSS = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1]);
/** utime + stime in clock ticks, read independently of the sampler. */
const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const children = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').split(' ').filter(Boolean).length;

describe('ResourceSampler on real processes', () => {
  it('groups a service by session and measures its main process and tree', async () => {
    // detached: Node calls setsid(), as the supervisor does for ./run
    const run = startProcess('sh', ['-c', 'sleep 1000 & sleep 1000 & wait']);
    const burner = startProcess(process.execPath, ['-e', 'for (;;) {}']);
    const services = [
      { id: 'shell', pid: run.pid! },
      { id: 'burner', pid: burner.pid! },
      { id: 'down', pid: 0 },
    ];
    await waitFor(() => children(run.pid!) === 2);
    // The burner is a Node process: sampled before its runtime has loaded, it is still small.
    await waitFor(() => vmRSS(burner.pid!) > 20_000);
    const ticks0 = cpuTicks(burner.pid!);
    const t0 = performance.now();
    const [shell0, burner0, down0] = sampler.sample(services);
    expect(shell0?.tree.cpu).toBeUndefined();
    expect(shell0?.tree).toMatchObject({ processes: 3, children: 2, threads: 3 });
    expect(shell0?.main).toMatchObject({ children: 2, threads: 1 });
    expect(shell0?.main?.pssKB).toBeLessThanOrEqual(shell0!.main!.rssKB);
    expect(down0?.tree.processes).toBe(0);
    expect(burner0?.main?.rssKB).toBeGreaterThan(10_000);

    await sleep(1000);
    const [, burner1] = sampler.sample(services);
    // What the kernel says it used over the same second (it gets less than a core on a busy box).
    const used = ((cpuTicks(burner.pid!) - ticks0) / 100 / ((performance.now() - t0) / 1000)) * 100;
    const rss = vmRSS(burner.pid!);
    expect(burner1?.main?.cpu).toBeGreaterThan(5);
    expect(Math.abs(burner1!.main!.cpu! - used)).toBeLessThan(8);
    expect(Math.abs(burner1!.main!.rssKB - rss) / rss).toBeLessThan(0.1);
    expect(burner1?.tree.threads).toBe(burner1?.main?.threads);
    expect(sampler.openDescriptors).toBeGreaterThan(3);
  });

  it('refuses a pssEvery that is not a positive integer, naming it', () => {
    expect(() => new ResourceSampler({ pssEvery: 0 })).toThrow(/pssEvery must be a positive/);
  });
});
