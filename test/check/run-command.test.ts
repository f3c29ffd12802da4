// `svtui check DIR` on temp trees for the run rules: a program not exec'd (a warning, exit 0),
// world-writable files and directories, log/down, `svtui` missing from PATH; and the claims they
// make, confirmed against the real supervise and svc, and against a clone's bin/ on PATH.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProcess, stopProcess, waitFor } from '../support/processes.js';
import { cli, haveTools, runCli, runSync, tempDir } from '../support/tools.js';

function file(path: string, text: string, mode = 0o755): void {
  writeFileSync(path, text);
  chmodSync(path, mode);
}

function service(root: string, name: string, run: string, log?: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  file(join(dir, 'run'), run);
  if (log !== undefined) {
    mkdirSync(join(dir, 'log'));
    file(join(dir, 'log/run'), log);
  }
  return dir;
}

/** `svtui check ROOT` with PATH set to `path`. */
const check = (root: string, path: string) => {
  const r = runCli(['check', root], { env: { ...process.env, PATH: path } });
  return { stdout: r.stdout.toString(), stderr: r.stderr.toString(), status: r.status };
};
const inProcessLog = '#!/bin/sh\nexec svtui multilog t ./main\n';
const cloneBin = dirname(cli);

describe('svtui check: run rules', () => {
  it('only warnings: each with its line, then the summary; exit 0', () => {
    const root = tempDir('svtui-check-run-');
    service(root, 'a', '#!/bin/sh\necho starting\nsleep 1000\n');
    service(root, 'b', '#!/bin/sh\nexec sleep 1000\n', inProcessLog);
    expect(check(root, tempDir('svtui-empty-path-'))).toEqual({
      stdout: [
        `${root}/a/run:3: warning: "sleep 1000" is not exec'd: svc -d and -t signal the shell, which dies and leaves it running unsupervised; write "exec sleep 1000"`,
        `${root}/b/log/run:2: warning: svtui is not on PATH: svscan or runsvdir started with this PATH fails to start the logger ("svtui: not found"; svtui scan runs it in-process); install svtui (npm install -g) or put its bin/ directory on that PATH`,
        `${root}: 2 services, no problems found, 2 warnings`,
        '',
      ].join('\n'),
      stderr: '',
      status: 0,
    });
    // A clone's bin/ on PATH holds an executable `svtui`: nothing to say about b.
    expect(check(root, `${cloneBin}:/usr/bin:/bin`).stdout).toBe(
      [
        `${root}/a/run:3: warning: "sleep 1000" is not exec'd: svc -d and -t signal the shell, which dies and leaves it running unsupervised; write "exec sleep 1000"`,
        `${root}: 2 services, no problems found, 1 warning`,
        '',
      ].join('\n'),
    );
  });

  it('problems: world-writable run and service directory, log/down, svtui needed by a wrapper', () => {
    const root = tempDir('svtui-check-run-');
    const a = service(root, 'a', '#!/bin/sh\nexec sleep 1000\n');
    chmodSync(join(a, 'run'), 0o777);
    const b = service(root, 'b', '#!/bin/sh\nexec sleep 1000\n', inProcessLog);
    chmodSync(b, 0o777);
    writeFileSync(join(b, 'log/down'), '');
    service(
      root,
      'c',
      '#!/bin/sh\nexec sleep 1000\n',
      '#!/bin/sh\nexec setuidgid log svtui multilog t ./main\n',
    );
    const r = check(root, '/nonexistent');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `${root}/a/run: world-writable (mode 0777): any user can change what runs as the supervisor's user; chmod o-w ${root}/a/run`,
      `${root}/b: world-writable (mode 0777): any user can replace run and so change what runs as the supervisor's user; chmod o-w ${root}/b`,
      `${root}/b/log/down: the logger does not start: the service's output backs up in the pipe, and once 64 KB wait every write of the service blocks`,
      `${root}/b/log/run:2: warning: svtui is not on PATH: svscan or runsvdir started with this PATH fails to start the logger ("svtui: not found"; svtui scan runs it in-process); install svtui (npm install -g) or put its bin/ directory on that PATH`,
      `${root}/c/log/run:2: svtui is not on PATH: a supervisor started with this PATH fails to start the logger ("svtui: not found"); install svtui (npm install -g) or put its bin/ directory on that PATH`,
      '',
    ]);
  });

  it("a clone's bin/ on PATH runs svtui, as `svtui`", () => {
    const r = runSync(['/bin/sh', '-c', 'svtui --version'], {
      env: { ...process.env, PATH: `${cloneBin}:/usr/bin:/bin` },
    });
    expect([r.status, r.stderr.toString()]).toEqual([0, '']);
    expect(r.stdout.toString()).toBe(runCli(['--version']).stdout.toString());
    const pkg = JSON.parse(readFileSync(join(cloneBin, '../package.json'), 'utf8')) as {
      bin: Record<string, string>;
      files: string[];
    };
    expect(pkg.bin).toEqual({ svtui: 'bin/svtui.js' });
    expect(pkg.files).toContain('bin/');
  });
});

describe.runIf(haveTools('supervise', 'svc', 'svstat'))("a program that is not exec'd", () => {
  it('svc -d ends the shell supervise started and leaves the program running', async () => {
    const root = tempDir('svtui-check-sv-');
    service(root, 'a', '#!/bin/sh\necho starting\nsleep 1000\n');
    expect(check(root, process.env.PATH ?? '').stdout).toMatch(/^[^\n]*\/a\/run:3: warning: /);
    const supervise = startProcess('supervise', ['a'], { cwd: root, stdio: 'ignore' });
    const statusPid = () =>
      /up \(pid (\d+)\)/.exec(runSync(['svstat', 'a'], { cwd: root }).stdout.toString())?.[1];
    const shell = Number(await waitFor(statusPid));
    const children = () => {
      try {
        return readFileSync(`/proc/${shell}/task/${shell}/children`, 'latin1').trim();
      } catch {
        return '';
      }
    };
    const sleeper = Number(await waitFor(children));
    const cmdline = () => {
      try {
        return readFileSync(`/proc/${sleeper}/cmdline`, 'latin1');
      } catch {
        return '';
      }
    };
    try {
      // The child is seen as soon as the shell forks it; its command line is sleep's once it
      // has exec'd (empty in between).
      await waitFor(() => cmdline() === 'sleep\x001000\x00');
      expect(cmdline()).toBe('sleep\x001000\x00');
      runSync(['svc', '-d', 'a'], { cwd: root });
      await waitFor(() =>
        /: down /.test(runSync(['svstat', 'a'], { cwd: root }).stdout.toString()),
      );
      expect(readFileSync(`/proc/${sleeper}/cmdline`, 'latin1')).toBe('sleep\x001000\x00');
    } finally {
      try {
        process.kill(sleeper, 'SIGKILL');
      } catch {
        /* gone */
      }
      runSync(['svc', '-dx', 'a'], { cwd: root });
      await stopProcess(supervise);
    }
  });
});
