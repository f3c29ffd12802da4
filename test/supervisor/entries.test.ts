// svscan's rules for the entries of the tree (spec §1.2, §1.3, §1.7), with `svtui scan`: a
// renamed directory is the same service and restarts in its new place; `log` is looked at only the
// first time, any kind of file makes the entry logged, and a stat error other than ENOENT keeps
// it from starting; a removed directory keeps running until it ends, then is forgotten; at most
// 1000 entries. SIGHUP stands for svscan's 5-second rescan.
import {
  closeSync,
  constants,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import {
  alive,
  makeService,
  readStatus,
  script,
  startScan,
  waitDown,
  waitUp,
  type Scan,
} from './helpers.js';

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

describe('svtui scan: entries of the tree', () => {
  const tree = tempDir();
  const elsewhere = tempDir();
  let scan: Scan;
  const dir = (name: string) => join(tree, name);
  const warnings = (text: string) =>
    scan
      .stderr()
      .split('\n')
      .filter((line) => line === `svtui scan: warning: ${text}`).length;
  /** Rescan, and wait until the scan has certainly happened (it warns about `loop` each time). */
  const rescan = async () => {
    const before = warnings('unable to stat loop/log: symbolic link loop');
    scan.child.kill('SIGHUP');
    await waitFor(() => warnings('unable to stat loop/log: symbolic link loop') > before);
  };

  beforeAll(async () => {
    makeService(tree, 'moved', { run: 'exec sleep 100' });
    makeService(tree, 'filelog', { run: 'exec sleep 100' });
    writeFileSync(join(dir('filelog'), 'log'), 'not a directory\n');
    makeService(tree, 'loop', { run: 'exec sleep 100' });
    symlinkSync('log', join(dir('loop'), 'log'));
    makeService(tree, 'downloop', { run: 'exec sleep 100' });
    symlinkSync('down', join(dir('downloop'), 'down'));
    makeService(tree, 'latelog', { run: 'exec sleep 100' });
    makeService(tree, 'dangling', { run: 'exec sleep 100' });
    symlinkSync(join(elsewhere, 'dangling-supervise'), join(dir('dangling'), 'supervise'));
    makeService(elsewhere, 'linked', { run: 'exec sleep 100' });
    symlinkSync(join(elsewhere, 'linked'), dir('linked'));
    scan = startScan(tree);
    await Promise.all(
      ['moved', 'filelog', 'latelog', 'linked', 'dangling'].map((n) => waitUp(dir(n))),
    );
  });

  afterAll(async () => {
    scan.child.kill('SIGTERM');
    await scan.exited;
  });

  it('supervise as a dangling symlink: the directory it names is made, 0700 (Debian)', async () => {
    await waitUp(dir('dangling'));
    expect(statSync(join(elsewhere, 'dangling-supervise')).mode & 0o7777).toBe(0o700);
    expect(supervised(dir('dangling'))).toBe(true);
  });

  it('a renamed service keeps its process and restarts in its new place', async () => {
    const pid = await waitUp(dir('moved'));
    renameSync(dir('moved'), dir('renamed'));
    await rescan();
    expect(readStatus(dir('renamed'))?.pid).toBe(pid);
    control(dir('renamed'), 'k');
    expect(await waitUp(dir('renamed'), pid)).not.toBe(pid);
    expect(scan.stderr()).not.toContain('unable to start');
  });

  it('log as a regular file: logged, its supervise fails until log is a directory', async () => {
    expect(warnings('unable to chdir to filelog/log: not a directory')).toBe(1);
    rmSync(join(dir('filelog'), 'log'));
    mkdirSync(join(dir('filelog'), 'log'));
    script(join(dir('filelog'), 'log', 'run'), 'exec cat >/dev/null');
    await rescan();
    await waitUp(join(dir('filelog'), 'log'));
  });

  it('log or down that cannot be stat()ed: not started, a warning at every scan', async () => {
    await rescan();
    expect(warnings('unable to stat loop/log: symbolic link loop')).toBeGreaterThanOrEqual(2);
    expect(warnings('unable to stat downloop/down: symbolic link loop')).toBeGreaterThanOrEqual(2);
    expect(supervised(dir('loop'))).toBe(false);
    expect(readStatus(dir('downloop'))?.pid ?? 0).toBe(0);
    expect(supervised(dir('downloop'))).toBe(false);
  });

  it('a log added after the service was first seen is ignored', async () => {
    makeService(tree, 'latelog/log', { run: 'exec cat >/dev/null' });
    await rescan();
    expect(supervised(join(dir('latelog'), 'log'))).toBe(false);
  });

  it('a removed service keeps running; once it ends it is forgotten and starts afresh', async () => {
    const target = join(elsewhere, 'linked');
    const pid = await waitUp(target);
    rmSync(dir('linked'));
    await rescan();
    expect(alive(pid)).toBe(true);
    expect(readStatus(target)?.pid).toBe(pid);
    control(target, 'dx');
    await waitDown(target);
    await waitFor(() => !supervised(target));
    symlinkSync(target, dir('linked'));
    await rescan();
    expect(await waitUp(target, pid)).not.toBe(pid);
  });
});

describe('svtui scan: 1000 services at most', () => {
  const tree = tempDir();
  let scan: Scan;

  afterAll(async () => {
    scan.child.kill('SIGTERM');
    await scan.exited;
  });

  it('warns about each entry beyond the limit at every scan and leaves it alone', async () => {
    // `down` files: nothing runs, but every entry is supervised (locks, FIFOs, status).
    for (let i = 0; i < 1001; i++) {
      mkdirSync(join(tree, `s${i}`));
      writeFileSync(join(tree, `s${i}`, 'down'), '');
    }
    scan = startScan(tree);
    const pattern = /^svtui scan: warning: unable to start (s\d+): running too many services$/;
    const refused = () =>
      scan
        .stderr()
        .split('\n')
        .map((line) => pattern.exec(line)?.[1])
        .filter((name): name is string => name !== undefined);
    await waitFor(() => refused().length === 1, 20000);
    const [name] = refused();
    await waitFor(() => supervised(join(tree, 's0')) || name === 's0', 20000);
    scan.child.kill('SIGHUP');
    await waitFor(() => refused().length === 2, 20000);
    expect(refused()).toEqual([name, name]);
    expect(supervised(join(tree, name!))).toBe(false);
  }, 30000);
});
