// `svtui check DIR` on real trees in temp dirs: exact output and exit codes; and the claims its
// findings make, confirmed against the real multilog and supervise.
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProcess, stopProcess, waitFor } from '../support/processes.js';
import { haveTools, runCli, runSync, tempDir } from '../support/tools.js';

function file(path: string, text: string, mode = 0o644): void {
  writeFileSync(path, text);
  chmodSync(path, mode);
}

function service(root: string, name: string, run = '#!/bin/sh\nexec sleep 100\n'): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  file(join(dir, 'run'), run, 0o755);
  return dir;
}

const check = (args: string[], cwd?: string) => {
  const r = runCli(['check', ...args], cwd ? { cwd } : {});
  return { stdout: r.stdout.toString(), stderr: r.stderr.toString(), status: r.status };
};

describe('svtui check', () => {
  it('a clean tree: a one-line summary, exit 0', () => {
    const root = tempDir('svtui-check-');
    service(root, 'a');
    const b = service(root, 'b');
    mkdirSync(join(b, 'log'));
    file(join(b, 'log/run'), '#!/bin/sh\nexec 2>&1\nexec multilog t s1000000 n20 ./main\n', 0o755);
    file(join(root, 'README'), 'not a service');
    expect(check([root])).toEqual({
      stdout: `${root}: 2 services, no problems found\n`,
      stderr: '',
      status: 0,
    });
  });

  it('one line per finding, naming the file; exit 1', () => {
    const root = tempDir('svtui-check-');
    service(root, 'noexec');
    chmodSync(join(root, 'noexec/run'), 0o644);
    service(root, 'noshebang', 'exec sleep 100\n');
    mkdirSync(join(root, 'norun'));
    mkdirSync(join(root, 'rundir/run'), { recursive: true });
    const logged = service(root, 'logged');
    mkdirSync(join(logged, 'log'));
    file(join(logged, 'log/run'), '#!/bin/sh\nexec multilog t main\n', 0o755);
    const logfile = service(root, 'logfile');
    file(join(logfile, 'log'), '');
    const downdir = service(root, 'downdir');
    mkdirSync(join(downdir, 'down'));
    symlinkSync('../nowhere', join(downdir, 'supervise'));
    service(root, '.hidden');
    symlinkSync('/nonexistent/svc', join(root, 'gone'));
    const r = check([root]);
    expect(check(['--', root])).toEqual(r);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `${root}/.hidden: skipped by svscan: names starting with . are never supervised`,
      `${root}/downdir/down: is a directory, not a regular file`,
      `${root}/downdir/supervise: dangling symlink to ../nowhere: only Debian's supervise creates the target`,
      `${root}/gone: dangling symlink to /nonexistent/svc: svscan warns "unable to stat" every 5 s`,
      `${root}/logfile/log: not a directory: svscan pipes the service to it, and supervise log fails every 5 s`,
      `${root}/logged/log/run: multilog silently ignores "main": a log directory must start with . or /`,
      `${root}/logged/log/run: multilog script has no log directory (starting with . or /)`,
      `${root}/noexec/run: not executable`,
      `${root}/norun/run: missing: supervise fails every second with "unable to start run"`,
      `${root}/noshebang/run: no #! line: exec fails with "exec format error"`,
      `${root}/rundir/run: is a directory: supervise cannot start it`,
      '',
    ]);
  });

  it('output that cannot be written: one line on stderr, exit 111', () => {
    const root = tempDir('svtui-check-');
    service(root, 'a');
    const full = openSync('/dev/full', 'w');
    try {
      const r = runCli(['check', root], { stdio: ['ignore', full, 'pipe'] });
      expect([r.status, r.stderr.toString()]).toEqual([
        111,
        'svtui check: fatal: unable to write output: out of disk space\n',
      ]);
    } finally {
      closeSync(full);
    }
  });

  it('bad DIR: one line on stderr, exit 111; bad usage: exit 100', () => {
    const root = tempDir('svtui-check-');
    file(join(root, 'afile'), '');
    expect(check([join(root, 'nonexist')])).toEqual({
      stdout: '',
      stderr: `svtui check: fatal: unable to read ${root}/nonexist: file does not exist\n`,
      status: 111,
    });
    expect(check(['afile'], root)).toEqual({
      stdout: '',
      stderr: 'svtui check: fatal: unable to read afile: not a directory\n',
      status: 111,
    });
    for (const [args, why] of [
      [[], 'no DIR given'],
      [['a', 'b'], 'one DIR only, not 2'],
      [['-x'], 'unknown option -x'],
      [['--bogus', 'a'], 'unknown option --bogus'],
    ] as const) {
      expect(check([...args])).toEqual({
        stdout: '',
        stderr: `svtui check: ${why}; usage: svtui check DIR\n`,
        status: 100,
      });
    }
  });
});

describe.skipIf(!haveTools('multilog', 'supervise'))(
  'the findings are what the real tools do',
  () => {
    it('multilog ignores a directory without . or /, and cannot lock one given twice', () => {
      const root = tempDir('svtui-check-ml-');
      const ignored = runSync(['multilog', 't', 'main'], { cwd: root, input: 'x\n' });
      expect(ignored.status).toBe(0);
      expect(existsSync(join(root, 'main'))).toBe(false);
      const twice = runSync(['multilog', './a', './a'], { cwd: root, input: 'x\n' });
      expect(twice.status).toBe(111);
      expect(twice.stderr.toString()).toBe(
        'multilog: fatal: unable to lock directory ./a: temporary failure\n',
      );
    });

    it('multilog cannot create a log directory whose parent is missing', () => {
      const root = tempDir('svtui-check-ml-');
      const logged = service(root, 'a');
      mkdirSync(join(logged, 'log'));
      file(join(logged, 'log/run'), '#!/bin/sh\nexec multilog t ./main/sub\n', 0o755);
      expect(check([root]).stdout).toBe(
        `${root}/a/log/run: "./main/sub": ./main does not exist, so multilog fails (unable to open directory ./main/sub)\n`,
      );
      const real = runSync(['multilog', 't', './main/sub'], {
        cwd: join(logged, 'log'),
        input: 'x\n',
      });
      expect(real.status).toBe(111);
      expect(real.stderr.toString()).toBe(
        'multilog: fatal: unable to open directory ./main/sub: file does not exist\n',
      );
    });

    it.each([
      ['noshebang', 'exec sleep 100\n', 'exec format error'],
      ['crlf', '#!/bin/sh\r\nexec sleep 100\r\n', 'file does not exist'],
    ])('check flags %s/run, and supervise cannot start it', async (name, text, error) => {
      const root = tempDir('svtui-check-sv-');
      service(root, name, text);
      expect(check([root]).stdout).toMatch(new RegExp(`^${root}/${name}/run: .*\n$`));
      const child = startProcess('supervise', [name], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await waitFor(() => stderr.includes('\n'));
      await stopProcess(child);
      expect(stderr.split('\n')[0]).toBe(`supervise: fatal: unable to start ${name}/run: ${error}`);
    });
  },
);
