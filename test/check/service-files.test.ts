// `svtui check` on runit's and s6's service-directory files: a real tree in a temp dir, read by
// the tree reader and judged by the rules, one finding per bad file, each naming it.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTree } from '../../src/check/rules.js';
import { readTree } from '../../src/check/tree-reader.js';
import { runCli, tempDir } from '../support/tools.js';

function file(path: string, text: string, mode = 0o644): void {
  writeFileSync(path, text);
  chmodSync(path, mode);
}

function service(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  file(join(dir, 'run'), '#!/bin/sh\nexec sleep 100\n', 0o755);
  return dir;
}

const findings = (root: string) =>
  checkTree(readTree(root)).map((f) => `${f.path.slice(root.length + 1)}: ${f.message}`);

describe('svtui check: finish, check and the s6 files', () => {
  it('good values and executable scripts: nothing to say', () => {
    const root = tempDir('svtui-checkf-');
    const dir = service(root, 'a');
    file(join(dir, 'finish'), '#!/bin/sh\nexit 0\n', 0o755);
    file(join(dir, 'check'), '#!/bin/sh\nexit 0\n', 0o755);
    file(join(dir, 'timeout-kill'), '3000\n');
    file(join(dir, 'timeout-finish'), '0\n');
    file(join(dir, 'down-signal'), 'SIGHUP\n');
    file(join(dir, 'notification-fd'), '3\n');
    expect(findings(root)).toEqual([]);
  });

  it('each bad file is one finding naming it', () => {
    const root = tempDir('svtui-checkf-');
    const dir = service(root, 'a');
    file(join(dir, 'finish'), '#!/bin/sh\nexit 0\n', 0o644);
    file(join(dir, 'check'), 'test -f flag\n', 0o755);
    file(join(dir, 'timeout-kill'), '3 seconds\n');
    file(join(dir, 'timeout-finish'), '-1\n');
    file(join(dir, 'down-signal'), 'SIGBOGUS\n');
    file(join(dir, 'notification-fd'), '2\n');
    const log = join(dir, 'log');
    mkdirSync(log);
    file(join(log, 'run'), '#!/bin/sh\nexec cat > /dev/null\n', 0o755);
    file(join(log, 'notification-fd'), 'three\n');
    const used = 'svtui scan warns and uses the default';
    expect(findings(root)).toEqual([
      'a/finish: not executable: it fails after every exit of run (runsv, s6-supervise and svtui scan run it then)',
      'a/check: no #! line: exec fails with "exec format error": readiness is never seen (svtui scan and sv poll it after a start)',
      `a/timeout-kill: "3 seconds" is not a number of milliseconds: ${used}`,
      `a/timeout-finish: "-1" is not a number of milliseconds: ${used}`,
      `a/down-signal: "SIGBOGUS" is not a signal (write a name such as TERM or HUP): ${used}`,
      `a/notification-fd: fd 2 is ./run's stderr: use 3 or more: ${used}`,
      `a/log/notification-fd: "three" is not a file descriptor number: ${used}`,
    ]);
  });

  it('a dangling finish is said too; absent ones are fine', () => {
    const root = tempDir('svtui-checkf-');
    service(root, 'plain');
    const dir = service(root, 'a');
    mkdirSync(join(dir, 'check'));
    expect(findings(root)).toEqual([
      'a/check: is a directory: supervise cannot start it: readiness is never seen (svtui scan and sv poll it after a start)',
    ]);
  });

  it('svtui check DIR prints them as file: message and exits 1', () => {
    const root = tempDir('svtui-checkf-');
    const dir = service(root, 'a');
    file(join(dir, 'down-signal'), 'NOPE\n');
    const r = runCli(['check', root]);
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.toString()).toContain(
      `${root}/a/down-signal: "NOPE" is not a signal (write a name such as TERM or HUP): svtui scan warns and uses the default\n`,
    );
  });
});
