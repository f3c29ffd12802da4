// The health engine loaded only once the tree uses it: when the looks happen, that a failed load
// is tried again, and under svtui scan's supervisor a `monitor` file written after the start (a
// rescan asked for, as SIGHUP asks) loads the engine, whose rule then acts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  healthWhenUsed,
  LOOK_EVERY,
  treeUsesHealth,
} from '../../src/supervisor/health-when-used.js';
import { startSupervisor } from '../../src/supervisor/index.js';
import { tempDir } from '../support/tools.js';
import { makeService, remember, waitDown, waitUp } from './helpers.js';

describe('healthWhenUsed', () => {
  it('looks when asked and at every LOOK_EVERY-th rescan, and attaches once', async () => {
    let used = false;
    let looks = 0;
    let attached = 0;
    let stopped = 0;
    const health = healthWhenUsed(
      () => (looks++, used),
      async () => (attached++, { stop: async () => void stopped++ }),
      () => {},
    );
    health.look(true);
    expect([looks, attached]).toEqual([1, 0]);
    for (let i = 1; i < LOOK_EVERY; i++) health.look(false);
    expect(looks).toBe(1); // the periodic rescans in between do not look
    used = true;
    health.look(false);
    await health.ready();
    expect([looks, attached]).toEqual([2, 1]);
    health.look(true);
    expect([looks, attached]).toEqual([2, 1]); // attached: no more looks
    await health.stop();
    expect(stopped).toBe(1);
  });

  it('says why a load failed and tries again at the next look; none after stop', async () => {
    const warnings: string[] = [];
    let attempts = 0;
    const health = healthWhenUsed(
      () => true,
      async () => {
        if (++attempts === 1) throw new Error('no engine');
        return { stop: async () => {} };
      },
      (line) => warnings.push(line),
    );
    health.look(true);
    await health.ready();
    expect(warnings).toEqual(['health: no engine']);
    health.look(true);
    await health.ready();
    expect(attempts).toBe(2);
    await health.stop();
    health.look(true);
    expect(attempts).toBe(2);
  });

  it('counts monitor files, .svtui/monitrc and .svtui/alert, not .svtui/ alone', () => {
    const tree = tempDir();
    makeService(tree, 'a', { run: 'exec sleep 100' });
    mkdirSync(join(tree, '.svtui'));
    writeFileSync(join(tree, '.svtui', 'monitor.lock'), '');
    expect(treeUsesHealth(tree, ['a'])).toBe(false);
    writeFileSync(join(tree, 'a', 'monitor'), 'if children > 0 then stop\n');
    expect(treeUsesHealth(tree, ['a'])).toBe(true);
    expect(treeUsesHealth(tree, [])).toBe(false);
    writeFileSync(join(tree, '.svtui', 'alert'), '');
    expect(treeUsesHealth(tree, [])).toBe(true);
  });
});

it('under the supervisor, a monitor file written after the start is loaded at a rescan and acts', async () => {
  const tree = tempDir();
  mkdirSync(join(tree, '.svtui'));
  makeService(tree, 'parent', { run: 'sleep 100 & echo $! > child.pid; exec sleep 100' });
  const supervisor = await startSupervisor({ dir: tree, stderr: () => {}, graceMs: 300 });
  try {
    remember(await waitUp(join(tree, 'parent')));
    // The cycle (1 s) is read when the engine loads, with the rules.
    writeFileSync(join(tree, '.svtui', 'monitrc'), 'set daemon 1\n');
    writeFileSync(join(tree, 'parent', 'monitor'), 'if children > 0 then stop\n');
    await supervisor.rescan();
    await waitDown(join(tree, 'parent'), 10_000);
  } finally {
    await supervisor.stop();
    const child = Number(readFileSync(join(tree, 'parent', 'child.pid'), 'utf8'));
    if (child > 1) process.kill(child, 'SIGKILL');
  }
}, 20_000);
