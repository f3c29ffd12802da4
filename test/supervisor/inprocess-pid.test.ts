// The pid svstat shows for the in-process logger is no process: a `kill -9` copied from svstat's
// line fails with "No such process" instead of ending the supervisor, while svstat, sv status,
// svok and svc -a (rotate) keep working against the log service as they do against runsv's
// svlogd (whose own pid runsv records).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IN_PROCESS_PID } from '../../src/codec/inprocess-pid.js';
import { waitFor } from '../support/processes.js';
import { haveTools, runCli, runSync, tempDir } from '../support/tools.js';
import { alive, makeService, startScan, waitUp, type Scan } from './helpers.js';

describe('the in-process logger in supervise/status', () => {
  const tree = tempDir();
  const dir = join(tree, 'svc');
  const logDir = join(dir, 'log');
  let scan: Scan;
  const text = (argv: string[]) => {
    const r = runSync(argv, { cwd: tree });
    return `${r.stdout.toString()}${r.stderr.toString()}rc=${r.status}`;
  };

  beforeAll(async () => {
    makeService(tree, 'svc', {
      run: 'while :; do echo tick; sleep 0.05; done',
      log: 'exec svtui multilog t ./main',
    });
    scan = startScan(tree);
    await waitUp(dir);
    await waitUp(logDir);
  });

  afterAll(async () => {
    scan.child.kill('SIGTERM');
    await scan.exited;
  });

  it('records a pid that is neither the supervisor nor any process', async () => {
    expect(await waitUp(logDir)).toBe(IN_PROCESS_PID);
    expect(IN_PROCESS_PID).not.toBe(scan.child.pid);
    expect(alive(IN_PROCESS_PID)).toBe(false);
  });

  it("svstat's pid, given to kill -9, reaches nothing; the supervisor and logger go on", async () => {
    const line = runCli(['svstat', 'svc/log'], { cwd: tree }).stdout.toString();
    const pid = /^svc\/log: up \(pid (\d+)\) \d+ seconds\n$/.exec(line)?.[1];
    expect(pid).toBe(String(IN_PROCESS_PID));
    const killed = runSync(['/bin/sh', '-c', `kill -9 ${pid}`]);
    expect(killed.status).not.toBe(0);
    expect(killed.stderr.toString()).toMatch(/No such process/i);
    expect(() => process.kill(Number(pid), 'SIGKILL')).toThrow(/ESRCH/);
    expect(alive(scan.child.pid!)).toBe(true);
    expect(await waitUp(logDir)).toBe(IN_PROCESS_PID);
  });

  it.runIf(haveTools('svstat', 'svok', 'svc'))(
    'daemontools: svstat prints it up, svok succeeds, svc -a rotates',
    async () => {
      expect(text(['svstat', 'svc/log'])).toMatch(
        new RegExp(`^svc/log: up \\(pid ${IN_PROCESS_PID}\\) \\d+ seconds\\nrc=0$`),
      );
      expect(text(['svok', 'svc/log'])).toBe('rc=0');
      const rotated = () => readdirSync(join(logDir, 'main')).filter((f) => f.endsWith('.s'));
      const before = rotated().length;
      expect(text(['svc', '-a', 'svc/log'])).toBe('rc=0');
      await waitFor(() => rotated().length > before);
    },
  );

  it.runIf(haveTools('sv'))('runit: sv status shows it running', () => {
    expect(text(['sv', 'status', './svc'])).toMatch(
      new RegExp(
        `^run: \\./svc: \\(pid \\d+\\) \\d+s; run: log: \\(pid ${IN_PROCESS_PID}\\) \\d+s\\nrc=0$`,
      ),
    );
  });
});
