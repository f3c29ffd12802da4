// `svtui scan` with real processes: the files it makes, restarts, throttling, `down`, every
// control letter, a missing run, SIGHUP rescans, removed directories, lock refusal.
import {
  chmodSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHistory } from '../../src/codec/history.js';
import { waitFor } from '../support/processes.js';
import { runCli, tempDir } from '../support/tools.js';
import {
  alive,
  makeService,
  readStatus,
  sleep,
  startScan,
  waitDown,
  waitUp,
  type Scan,
} from './helpers.js';

const recorder = [
  'for s in HUP ALRM INT TERM CONT QUIT USR1 USR2; do trap "echo $s >> sig" $s; done',
  'while :; do sleep 0.05; done',
].join('\n');

/** Write control bytes as svc does: O_WRONLY|O_NONBLOCK on supervise/control. */
function control(dir: string, letters: string): void {
  const fd = openSync(join(dir, 'supervise', 'control'), constants.O_WRONLY | constants.O_NONBLOCK);
  writeSync(fd, letters);
  closeSync(fd);
}

function supervised(dir: string): boolean {
  try {
    closeSync(openSync(join(dir, 'supervise', 'ok'), constants.O_WRONLY | constants.O_NONBLOCK));
    return true;
  } catch {
    return false;
  }
}

const history = (dir: string) =>
  parseHistory(readFileSync(join(dir, 'supervise', 'svtui-history'), 'utf8'));
const procState = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]?.[0];
const signals = (dir: string) => {
  try {
    return readFileSync(join(dir, 'sig'), 'utf8').trim().split('\n');
  } catch {
    return [];
  }
};

describe('svtui scan', () => {
  const tree = tempDir();
  const elsewhere = tempDir();
  let scan: Scan;
  const dir = (name: string) => join(tree, name);

  beforeAll(async () => {
    makeService(tree, 'sleeper', { run: 'exec sleep 100' });
    makeService(tree, 'sig', { run: recorder });
    makeService(tree, 'lazy', { run: 'exec sleep 100', down: true });
    makeService(tree, 'crash', { run: 'exit 3' });
    makeService(tree, 'norun', {});
    makeService(tree, '.hidden', { run: 'exec sleep 100' });
    makeService(elsewhere, 'linked', { run: 'exec sleep 100' });
    symlinkSync(join(elsewhere, 'linked'), dir('linked'));
    scan = startScan(tree);
    await waitUp(dir('sleeper'));
  });

  it('makes supervise/ as daemontools does', async () => {
    const sup = join(dir('sleeper'), 'supervise');
    expect(statSync(sup).mode & 0o777).toBe(0o700);
    expect(statSync(join(sup, 'control')).isFIFO()).toBe(true);
    expect(statSync(join(sup, 'control')).mode & 0o777).toBe(0o600);
    expect(statSync(join(sup, 'ok')).mode & 0o777).toBe(0o600);
    expect(statSync(join(sup, 'lock')).mode & 0o777).toBe(0o600);
    expect(statSync(join(sup, 'status')).size).toBe(20);
    expect(supervised(dir('sleeper'))).toBe(true);
  });

  it('runs ./run in a new session, in the service directory', async () => {
    const pid = await waitUp(dir('sleeper'));
    const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
    expect(Number(fields[2])).toBe(pid); // pgid
    expect(Number(fields[3])).toBe(pid); // sid
  });

  it('follows symlinks and skips dot entries', async () => {
    await waitUp(join(elsewhere, 'linked'));
    expect(readStatus(dir('.hidden'))).toBeUndefined();
  });

  it('restarts a service killed with SIGKILL', async () => {
    const pid = await waitUp(dir('sleeper'));
    await sleep(1100); // past the one-second throttle
    process.kill(pid, 'SIGKILL');
    const next = await waitUp(dir('sleeper'), pid);
    expect(next).not.toBe(pid);
    expect(history(dir('sleeper'))?.lastExit).toEqual({ kind: 'signal', signal: 'KILL' });
  });

  it('throttles a crashing service to one start a second and records the exit', async () => {
    await waitFor(() => (history(dir('crash'))?.starts ?? 0) >= 3, 6000);
    const h = history(dir('crash'));
    const starts = (h?.recentStarts ?? []).map(
      (t) => Number(t.seconds) * 1000 + t.nanoseconds / 1e6,
    );
    for (let i = 1; i < starts.length; i++)
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(990);
    expect(h?.lastExit).toEqual({ kind: 'exit', code: 3 });
  });

  it('does not start a service with a down file', async () => {
    const s = readStatus(dir('lazy'));
    expect(s?.pid).toBe(0);
    expect(s?.want).toBe('down');
  });

  it('o starts once and does not restart', async () => {
    control(dir('lazy'), 'o');
    const pid = await waitUp(dir('lazy'));
    expect(readStatus(dir('lazy'))?.want).toBe('down'); // runsv's byte for once
    control(dir('lazy'), 'k');
    await waitDown(dir('lazy'));
    await sleep(1200);
    expect(readStatus(dir('lazy'))?.pid).toBe(0);
    expect(alive(pid)).toBe(false);
  });

  it('h a i t send HUP ALRM INT TERM', async () => {
    const pid = await waitUp(dir('sig'));
    for (const [letter, name] of [
      ['h', 'HUP'],
      ['a', 'ALRM'],
      ['i', 'INT'],
      ['t', 'TERM'],
    ] as const) {
      control(dir('sig'), letter);
      await waitFor(() => signals(dir('sig')).at(-1) === name);
    }
    expect(readStatus(dir('sig'))?.pid).toBe(pid);
  });

  it("q 1 2 send QUIT USR1 USR2 (runsv's letters, as sv quit, sv 1, sv 2 write them)", async () => {
    const pid = await waitUp(dir('sig'));
    for (const [letter, name] of [
      ['q', 'QUIT'],
      ['1', 'USR1'],
      ['2', 'USR2'],
    ] as const) {
      control(dir('sig'), letter);
      await waitFor(() => signals(dir('sig')).at(-1) === name);
    }
    expect(readStatus(dir('sig'))?.pid).toBe(pid);
  });

  it('p stops and c continues the process', async () => {
    const pid = await waitUp(dir('sig'));
    control(dir('sig'), 'p');
    await waitFor(() => procState(pid) === 'T');
    expect(readStatus(dir('sig'))?.paused).toBe(true);
    control(dir('sig'), 'c');
    await waitFor(() => procState(pid) !== 'T' && signals(dir('sig')).at(-1) === 'CONT');
    expect(readStatus(dir('sig'))?.paused).toBe(false);
  });

  it('d sends TERM then CONT and wants down; k kills; u starts again', async () => {
    const pid = await waitUp(dir('sig'));
    const before = signals(dir('sig')).length;
    control(dir('sig'), 'd');
    await waitFor(() => signals(dir('sig')).length >= before + 2);
    expect(signals(dir('sig')).slice(before)).toEqual(['TERM', 'CONT']);
    const s = readStatus(dir('sig'));
    expect([s?.pid, s?.want, s?.gotTerm]).toEqual([pid, 'down', true]);
    control(dir('sig'), 'k');
    await waitDown(dir('sig'));
    await sleep(1100);
    expect(readStatus(dir('sig'))?.pid).toBe(0);
    control(dir('sig'), 'u');
    expect(await waitUp(dir('sig'))).not.toBe(pid);
  });

  it('x ends supervision of a down service; SIGHUP takes it up again', async () => {
    control(dir('lazy'), 'x');
    await waitFor(() => !supervised(dir('lazy')));
    scan.child.kill('SIGHUP');
    await waitFor(() => supervised(dir('lazy')));
  });

  it('a missing run: down, one warning, the reason in the history; starts once it appears', async () => {
    await waitFor(() => history(dir('norun'))?.problem);
    await sleep(2200); // two more attempts, no more warnings
    const lines = scan
      .stderr()
      .split('\n')
      .filter((l) => l.includes('norun'));
    expect(lines).toEqual(['svtui scan: warning: unable to start norun/run: file does not exist']);
    expect(readStatus(dir('norun'))?.pid).toBe(0);
    writeFileSync(join(dir('norun'), 'run'), '#!/bin/sh\nexec sleep 100\n', { mode: 0o644 });
    await waitFor(() => scan.stderr().includes('unable to start norun/run: access denied'), 8000);
    // No #! line: execve(2) refuses it, so supervise does, and so must svtui (no /bin/sh fallback).
    writeFileSync(join(dir('norun'), 'run'), 'exec sleep 100\n', { mode: 0o755 });
    chmodSync(join(dir('norun'), 'run'), 0o755);
    await waitFor(
      () => scan.stderr().includes('unable to start norun/run: exec format error'),
      8000,
    );
    expect(readStatus(dir('norun'))?.pid).toBe(0);
    writeFileSync(join(dir('norun'), 'run'), '#!/bin/sh\nexec sleep 100\n');
    await waitUp(dir('norun'), 0, 8000);
    expect(history(dir('norun'))?.problem).toBeUndefined();
  });

  it('a new directory starts at SIGHUP; a removed one keeps running', async () => {
    makeService(tree, 'late', { run: 'exec sleep 100' });
    scan.child.kill('SIGHUP');
    const pid = await waitUp(dir('late'));
    renameSync(dir('late'), join(elsewhere, 'late'));
    scan.child.kill('SIGHUP');
    await sleep(300);
    expect(alive(pid)).toBe(true);
    expect(readStatus(join(elsewhere, 'late'))?.pid).toBe(pid);
  });

  it('refuses a second supervisor on the same tree with one line and 111', async () => {
    const pid = await waitUp(dir('sleeper'));
    const second = runCli(['scan', tree]);
    expect(second.status).toBe(111);
    expect(second.stderr.toString()).toMatch(
      /^svtui scan: fatal: unable to acquire \S+\/supervise\/lock: temporary failure\n$/,
    );
    expect(readStatus(dir('sleeper'))?.pid).toBe(pid);
    expect(supervised(dir('sleeper'))).toBe(true);
  });

  it('rejects bad arguments with one line', () => {
    const missing = runCli(['scan', join(tree, 'nope')]);
    expect(missing.status).toBe(111);
    expect(missing.stderr.toString()).toBe(
      `svtui scan: fatal: unable to chdir to ${join(tree, 'nope')}: file does not exist\n`,
    );
    expect(runCli(['scan']).status).toBe(100);
  });

  it('SIGTERM stops every service and exits 0, leaving nothing running', async () => {
    const pids = ['sleeper', 'sig', 'norun', 'crash'].map((n) => readStatus(dir(n))?.pid ?? 0);
    pids.push(readStatus(join(elsewhere, 'late'))?.pid ?? 0);
    control(dir('sig'), 'k'); // it traps TERM: spare the test the 5 s grace period
    scan.child.kill('SIGTERM');
    expect(await scan.exited).toBe(0);
    for (const pid of pids) if (pid) expect(alive(pid)).toBe(false);
    expect(readStatus(dir('sleeper'))?.pid).toBe(0);
    expect(supervised(dir('sleeper'))).toBe(false);
    rmSync(join(elsewhere, 'late'), { recursive: true });
    mkdirSync(join(elsewhere, 'late'));
  });
});
