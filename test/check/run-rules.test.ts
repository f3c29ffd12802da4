// The run rules of `svtui check` through checkTree, pure: hand-made tree descriptions in,
// findings (with their line and severity) out.
import { describe, expect, it } from 'vitest';
import { checkTree } from '../../src/check/rules.js';
import type { FileInfo, ServiceEntry, ServiceFiles, Tree } from '../../src/check/tree.js';

const script = (head: string, mode = 0o755): FileInfo & { type: 'file' } => ({
  type: 'file',
  executable: true,
  head,
  mode,
  interpreter: { path: '/bin/sh', executable: true },
});
const missing: FileInfo = { type: 'missing' };
const dir = (mode = 0o755): FileInfo => ({ type: 'directory', mode });
const files = (run: FileInfo, down: FileInfo = missing): ServiceFiles => ({
  run,
  down,
  supervise: missing,
});
const service = (name: string, own: ServiceFiles, log?: ServiceFiles, mode = 0o755) =>
  ({
    name,
    entry: dir(mode),
    service: { ...own, log: log ? dir() : missing, ...(log ? { logFiles: log } : {}) },
  }) satisfies ServiceEntry;
const tree = (entries: ServiceEntry[], over: Partial<Tree> = {}): Tree => ({
  dir: 'T',
  ownRun: missing,
  mode: 0o755,
  entries,
  ...over,
});
const good = files(script('#!/bin/sh\nexec ./server\n'));
const inProcess = files(script('#!/bin/sh\nexec svtui multilog t ./main\n'));

describe('run rules', () => {
  it("a run whose last command is not exec'd: a warning at its line", () => {
    const t = tree([service('a', files(script('#!/bin/sh\necho starting\nsleep 1000\n')))]);
    expect(checkTree(t)).toEqual([
      {
        path: 'T/a/run',
        line: 3,
        severity: 'warning',
        message:
          '"sleep 1000" is not exec\'d: svc -d and -t signal the shell, which dies and leaves it running unsupervised; write "exec sleep 1000"',
      },
    ]);
  });

  it('log/run too; a long command is shortened; a script not read whole is not judged', () => {
    const long = `./server ${'--flag '.repeat(20)}`.trim();
    const t = tree([
      service(
        'a',
        files(script(`#!/bin/sh\n${long}\n`)),
        files(script('#!/bin/sh\nmultilog t ./main\n')),
      ),
      service('b', files({ ...script('#!/bin/sh\nsleep 1000\n'), truncated: true })),
    ]);
    expect(checkTree(t).map((f) => `${f.path}:${f.line}: ${f.message.slice(0, 40)}`)).toEqual([
      `T/a/run:2: "${long.slice(0, 39)}`,
      'T/a/log/run:2: "multilog t ./main" is not exec\'d: svc -',
    ]);
    expect(checkTree(t)[0]?.message).toContain(`"${long.slice(0, 57)}..."`);
  });

  it('world-writable run, log/run, service directory, log/ and tree: problems', () => {
    const t = tree(
      [
        service('a', files(script('#!/bin/sh\nexec x\n', 0o757))),
        service('b', good, files(script('#!/bin/sh\nexec multilog ./main\n', 0o777)), 0o1777),
        { ...service('c', good, good), service: { ...good, log: dir(0o777), logFiles: good } },
        service('d', good, undefined, 0o775),
      ],
      { mode: 0o777 },
    );
    expect(checkTree(t).map((f) => [f.path, f.severity, f.message])).toEqual([
      [
        'T',
        undefined,
        "world-writable (mode 0777): any user can add a service, which runs as the supervisor's user; chmod o-w T",
      ],
      [
        'T/a/run',
        undefined,
        "world-writable (mode 0757): any user can change what runs as the supervisor's user; chmod o-w T/a/run",
      ],
      [
        'T/b',
        undefined,
        "world-writable (mode 1777): any user can replace run and so change what runs as the supervisor's user; chmod o-w T/b",
      ],
      [
        'T/b/log/run',
        undefined,
        "world-writable (mode 0777): any user can change what runs as the supervisor's user; chmod o-w T/b/log/run",
      ],
      [
        'T/c/log',
        undefined,
        "world-writable (mode 0777): any user can replace run and so change what runs as the supervisor's user; chmod o-w T/c/log",
      ],
    ]);
  });

  it('a down file in log/: a problem; in the service itself: none', () => {
    const t = tree([service('a', files(good.run, script('')), files(good.run, script('')))]);
    expect(checkTree(t)).toEqual([
      {
        path: 'T/a/log/down',
        message:
          "the logger does not start: the service's output backs up in the pipe, and once 64 KB wait every write of the service blocks",
      },
    ]);
  });

  it('svtui not on PATH: a warning for the in-process form, a problem for any other', () => {
    const wrapped = files(
      script('#!/bin/sh\n# logger\nexec setuidgid log svtui multilog t ./main\n'),
    );
    const absolute = files(script('#!/bin/sh\nexec /opt/svtui/bin/svtui multilog t ./main\n'));
    const entries = [
      service('a', good, inProcess),
      service('b', good, wrapped),
      service('c', good, absolute),
    ];
    const fix = 'install svtui (npm install -g) or put its bin/ directory on that PATH';
    expect(checkTree(tree(entries, { svtuiOnPath: false }))).toEqual([
      {
        path: 'T/a/log/run',
        line: 2,
        severity: 'warning',
        message: `svtui is not on PATH: svscan or runsvdir started with this PATH fails to start the logger ("svtui: not found"; svtui scan runs it in-process); ${fix}`,
      },
      {
        path: 'T/b/log/run',
        line: 3,
        message: `svtui is not on PATH: a supervisor started with this PATH fails to start the logger ("svtui: not found"); ${fix}`,
      },
    ]);
    expect(checkTree(tree(entries, { svtuiOnPath: true }))).toEqual([]);
    expect(checkTree(tree(entries))).toEqual([]);
  });
});
