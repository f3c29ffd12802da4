// runit's ./check as svtui scan polls it, with real processes: until the first exit 0; a ./check still running at the limit is killed with its whole process group; one that
// cannot be run is said once.
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pollCheck } from '../../src/supervisor/check-poller.js';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import { alive, remember, script, sleep } from './helpers.js';

const lines = (path: string) => {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

describe('pollCheck', () => {
  it('runs ./check until it passes, then stops', async () => {
    const dir = tempDir('svtui-check-');
    // Passes at the third run.
    script(join(dir, 'check'), 'echo x >> tries\n[ $(wc -l < tries) -ge 3 ] || exit 1\nexit 0');
    let ready = 0;
    const problems: string[] = [];
    pollCheck({
      dir,
      stderr: 'ignore',
      ready: () => ready++,
      problem: (t) => problems.push(t),
      everyMs: 20,
    });
    await waitFor(() => ready > 0);
    await sleep(200);
    expect(ready).toBe(1);
    expect(lines(join(dir, 'tries'))).toHaveLength(3);
    expect(problems).toEqual([]);
  });

  it('a ./check still running at the limit is killed with its process group', async () => {
    const dir = tempDir('svtui-check-');
    script(join(dir, 'check'), 'sleep 100 &\necho $! > child\necho $$ > pid\nwait');
    let ready = 0;
    pollCheck({
      dir,
      stderr: 'ignore',
      ready: () => ready++,
      problem: () => undefined,
      limitMs: 400,
    });
    const found = await waitFor(() => {
      const both = [...lines(join(dir, 'pid')), ...lines(join(dir, 'child'))].map(Number);
      return both.length === 2 ? both : null;
    });
    const pids = found ?? [];
    expect(pids).toHaveLength(2);
    pids.forEach(remember);
    await waitFor(() => pids.every((pid) => !alive(pid)), 3000);
    expect(ready).toBe(0);
  });

  it('stop() ends the polling and the ./check that runs', async () => {
    const dir = tempDir('svtui-check-');
    script(join(dir, 'check'), 'echo $$ >> pids\nexec sleep 100');
    const polling = pollCheck({
      dir,
      stderr: 'ignore',
      ready: () => undefined,
      problem: () => undefined,
    });
    const pid = Number(await waitFor(() => lines(join(dir, 'pids'))[0]));
    remember(pid);
    polling.stop();
    await waitFor(() => !alive(pid), 3000);
    await sleep(500);
    expect(lines(join(dir, 'pids'))).toHaveLength(1);
  });

  it('a ./check that cannot be run is said once and polling stops', async () => {
    const dir = tempDir('svtui-check-');
    script(join(dir, 'check'), 'exit 0');
    chmodSync(join(dir, 'check'), 0o644);
    const problems: string[] = [];
    pollCheck({
      dir,
      stderr: 'ignore',
      ready: () => undefined,
      problem: (t) => problems.push(t),
      everyMs: 20,
    });
    await waitFor(() => problems.length > 0);
    await sleep(100);
    expect(problems).toEqual(['unable to start check: access denied']);
  });
});
