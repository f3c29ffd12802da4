// `svtui scan` killed with SIGKILL leaves its services running; the next one must stop them
// before starting afresh — but only processes that really are the service's.
import { mkdirSync, readdirSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packStatus } from '../../src/codec/status.js';
import { timeFromMillis } from '../../src/codec/tai64n.js';
import { startProcess } from '../support/processes.js';
import { haveTools, tempDir } from '../support/tools.js';
import { alive, makeService, remember, sleep, startScan, waitUp } from './helpers.js';

/** Live processes whose cwd is `dir`. */
function runningIn(dir: string): number[] {
  const real = realpathSync(dir);
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/cwd`) === real && alive(Number(p));
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('recovery after SIGKILL of the scanner', () => {
  const tree = tempDir();

  it('stops the service left running, then starts exactly one', async () => {
    const dir = makeService(tree, 'svc', { run: 'exec sleep 100', log: 'exec cat >/dev/null' });
    const first = startScan(tree);
    const old = await waitUp(dir);
    const oldLog = await waitUp(join(dir, 'log'));
    process.kill(first.child.pid as number, 'SIGKILL');
    await first.exited;
    expect(alive(old)).toBe(true);
    const second = startScan(tree);
    const fresh = await waitUp(dir, old);
    expect(alive(old)).toBe(false);
    expect(alive(oldLog)).toBe(false);
    expect(runningIn(dir)).toEqual([fresh]);
    expect(second.stderr()).toContain(
      `svc: stopping pid ${old}, left running by a previous supervisor`,
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(alive(fresh)).toBe(false);
  });

  it.runIf(haveTools('multilog'))(
    'finds a spawned multilog that moved into its log directory',
    async () => {
      const own = tempDir();
      // The service ignores TERM, so its stop takes the grace period and the old logger, its pipe
      // still open, would hold the log directory's lock if nobody stopped it.
      const dir = makeService(own, 'logged', {
        run: "trap '' TERM; exec sleep 100",
        log: 'exec multilog t ./main',
      });
      const first = startScan(own);
      await waitUp(dir);
      const oldLog = await waitUp(join(dir, 'log'));
      process.kill(first.child.pid as number, 'SIGKILL');
      await first.exited;
      const second = startScan(own);
      await waitUp(join(dir, 'log'), oldLog, 12_000);
      expect(alive(oldLog)).toBe(false);
      expect(second.stderr()).not.toContain('unable to lock');
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    },
  );

  for (const [what, cwdInDir, age] of [
    ['another cwd', false, 0],
    ['started after the recorded time', true, 10_000],
  ] as const) {
    it(`leaves alone a recorded pid that is not the service: ${what}`, async () => {
      const dir = makeService(tree, `other${age}`, { run: 'exec sleep 100' });
      // Not a session leader: one that is, and started at the recorded time, counts as the service.
      const stranger = startProcess('sleep', ['100'], {
        cwd: cwdInDir ? dir : tree,
        stdio: 'ignore',
        detached: false,
      });
      const pid = stranger.pid as number;
      remember(pid);
      await sleep(50);
      const since = timeFromMillis(Date.now() - age);
      mkdirSync(join(dir, 'supervise'), { mode: 0o700 });
      writeFileSync(
        join(dir, 'supervise', 'status'),
        packStatus({ since, pid, paused: false, want: 'up', gotTerm: false, state: 'run' }),
      );
      const scan = startScan(tree);
      const started = await waitUp(dir, pid);
      expect(alive(pid)).toBe(true);
      scan.child.kill('SIGTERM');
      expect(await scan.exited).toBe(0);
      expect(alive(started)).toBe(false);
      expect(alive(pid)).toBe(true);
    });
  }
});
