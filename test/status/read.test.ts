// What `svtui status` reads: which directories an argument stands for, and where resource figures
// come from (the supervisor's recent sample, else /proc now, for this very process).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResourceHistoryWriter, RESOURCE_HISTORY_FILE } from '../../src/resources/index.js';
import { measure } from '../../src/status/resources.js';
import { resolveTargets } from '../../src/status/targets.js';
import { tempDir } from '../support/tools.js';

function service(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run'), '#!/bin/sh\nexec sleep 1\n');
  chmodSync(join(dir, 'run'), 0o755);
  return dir;
}

describe('targets', () => {
  const tree = tempDir('svtui-status-targets-');
  service(join(tree, 'web'));
  service(join(tree, 'web', 'log'));
  service(join(tree, 'db'));
  mkdirSync(join(tree, 'db', 'log')); // not a service: no run, no supervise/
  mkdirSync(join(tree, 'cache', 'supervise'), { recursive: true });
  mkdirSync(join(tree, '.svtui'));

  it('a tree: each service by name, then its log service; dot names skipped', () => {
    const found = resolveTargets([tree]);
    expect(found).toEqual({
      ok: true,
      targets: [
        { name: 'cache', dir: join(tree, 'cache') },
        { name: 'db', dir: join(tree, 'db') },
        { name: 'web', dir: join(tree, 'web') },
        { name: 'web/log', dir: join(tree, 'web', 'log') },
      ],
    });
  });

  it('a service directory is itself, named as written; several arguments keep their order', () => {
    const web = join(tree, 'web');
    const cache = join(tree, 'cache');
    expect(resolveTargets([web, cache])).toEqual({
      ok: true,
      targets: [
        { name: web, dir: web },
        { name: cache, dir: cache },
      ],
    });
  });

  it('no argument: $SVDIR; a missing one or a file is named in one line', () => {
    expect(resolveTargets([], { SVDIR: tree })).toMatchObject({ ok: true, targets: { length: 4 } });
    expect(resolveTargets([join(tree, 'nope')])).toEqual({
      ok: false,
      error: `${join(tree, 'nope')}: file does not exist`,
    });
    expect(resolveTargets([join(tree, 'web', 'run')])).toEqual({
      ok: false,
      error: `${join(tree, 'web', 'run')}: not a directory`,
    });
  });
});

describe('resource figures', () => {
  it("the supervisor's recent record when it is about the running pid, else /proc now", async () => {
    const fresh = service(tempDir('svtui-status-res-'));
    const stale = service(tempDir('svtui-status-res-'));
    const now = Date.now();
    for (const [dir, time] of [
      [fresh, now / 1000 - 1],
      [stale, now / 1000 - 3600],
    ] as const) {
      mkdirSync(join(dir, 'supervise'));
      const writer = new ResourceHistoryWriter(join(dir, 'supervise', RESOURCE_HISTORY_FILE));
      const record = { pid: process.pid, restarts: 0, checksRun: 0, checksFailed: 0 };
      writer.append({ ...record, time, cpuPermille: 1234, rssKB: 2048, children: 3, threads: 7 });
      writer.close();
    }
    const figures = await measure(
      [
        { dir: fresh, pid: process.pid },
        { dir: stale, pid: process.pid },
      ],
      { nowMs: now, gapMs: 50 },
    );
    expect(figures.get(fresh)).toEqual({
      cpuPercent: 123.4,
      memoryBytes: 2048 * 1024,
      children: 3,
      threads: 7,
      from: 'history',
    });
    // This test process, read from /proc: Node runs several threads and a resident heap.
    const measured = figures.get(stale)!;
    expect(measured.from).toBe('proc');
    expect(measured.threads).toBeGreaterThan(1);
    expect(measured.memoryBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(measured.cpuPercent).not.toBeNull();
  });

  it('a pid that runs nothing has no figures', async () => {
    const dir = service(tempDir('svtui-status-res-'));
    const figures = await measure([{ dir, pid: 0x7ffffffe }], { gapMs: 10 });
    expect(figures.has(dir)).toBe(false);
  });
});
