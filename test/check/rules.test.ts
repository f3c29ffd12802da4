// The tree rules of `svtui check`, pure: hand-made tree descriptions in, findings out.
import { describe, expect, it } from 'vitest';
import { checkTree, serviceCount } from '../../src/check/rules.js';
import type { FileInfo, ServiceEntry, ServiceFiles, Tree } from '../../src/check/tree.js';

const script = (head: string, executable = true): FileInfo => ({
  type: 'file',
  executable,
  head,
  interpreter: { path: '/bin/sh', executable: true },
});
const missing: FileInfo = { type: 'missing' };
const good: ServiceFiles = {
  run: script('#!/bin/sh\nexec x\n'),
  down: missing,
  supervise: missing,
};

function service(
  name: string,
  over: Partial<ServiceFiles> = {},
  log: FileInfo = missing,
  logFiles?: ServiceFiles,
): ServiceEntry {
  return {
    name,
    entry: { type: 'directory' },
    service: { ...good, ...over, log, ...(logFiles ? { logFiles } : {}) },
  };
}
const tree = (...entries: ServiceEntry[]): Tree => ({ dir: 'T', ownRun: missing, entries });
const lines = (t: Tree) => checkTree(t).map((f) => `${f.path}: ${f.message}`);

describe('checkTree', () => {
  it('a clean tree has no findings', () => {
    const logged = service(
      'b',
      {},
      { type: 'directory' },
      { ...good, run: script('#!/bin/sh\nexec multilog t ./main\n') },
    );
    const t = tree(service('a'), logged, { name: 'README', entry: script('hello', false) });
    expect(lines(t)).toEqual([]);
    expect(serviceCount(t)).toBe(2);
  });

  it('run: missing, a directory, dangling, not executable, no #!, bad interpreter, ELF', () => {
    const t = tree(
      service('a', { run: missing }),
      service('b', { run: { type: 'directory' } }),
      service('c', { run: { type: 'dangling', target: '/x' } }),
      service('d', { run: script('#!/bin/sh\n', false) }),
      service('e', { run: { type: 'file', executable: true, head: 'echo hi\n' } }),
      service('f', {
        run: {
          type: 'file',
          executable: true,
          head: '#!/bin/bahs\n',
          interpreter: { path: '/bin/bahs', executable: false },
        },
      }),
      service('g', { run: { type: 'file', executable: true, head: '\x7fELF\x02' } }),
      service('h', { run: { type: 'other' } }),
      service('i', { run: script('#!/bin/sh\r\nexec x\r\n') }),
    );
    expect(lines(t)).toEqual([
      'T/a/run: missing: supervise fails every second with "unable to start run"',
      'T/b/run: is a directory: supervise cannot start it',
      'T/c/run: dangling symlink to /x: supervise cannot start it',
      'T/d/run: not executable',
      'T/e/run: no #! line: exec fails with "exec format error"',
      'T/f/run: interpreter /bin/bahs is missing or not executable',
      'T/h/run: not a regular file',
      'T/i/run: the #! line ends in a carriage return (DOS line endings): exec finds no interpreter',
    ]);
  });

  it('down, supervise and log', () => {
    const t = tree(
      service('a', { down: { type: 'directory' } }),
      service('b', { down: { type: 'dangling', target: 'nowhere' } }),
      service('c', { supervise: { type: 'dangling', target: '../sv' } }),
      service('d', { supervise: script('', false) }),
      service('e', {}, script('', false)),
      service('f', {}, { type: 'dangling', target: '../logs' }),
      service('g', {}, { type: 'directory' }, { ...good, run: missing }),
      service('h', { down: script('', false) }),
    );
    expect(lines(t)).toEqual([
      'T/a/down: is a directory, not a regular file',
      'T/b/down: dangling symlink to nowhere: supervise treats the service as normally up',
      "T/c/supervise: dangling symlink to ../sv: only Debian's supervise creates the target",
      'T/d/supervise: not a directory: supervise fails with "unable to acquire supervise/lock"',
      'T/e/log: not a directory: svscan pipes the service to it, and supervise log fails every 5 s',
      'T/f/log: dangling symlink to ../logs: the service is not logged',
      'T/g/log/run: missing: supervise fails every second with "unable to start run"',
    ]);
  });

  it('a multilog script multilog would misread', () => {
    const logFiles = { ...good, run: script('#!/bin/sh\nexec multilog t s100 main\n') };
    expect(lines(tree(service('a', {}, { type: 'directory' }, logFiles)))).toEqual([
      'T/a/log/run: multilog reads "s100" as s4096 (sizes are 4096 to 16777215)',
      'T/a/log/run: "s100" applies to no log directory after it',
      'T/a/log/run: multilog silently ignores "main": a log directory must start with . or /',
      'T/a/log/run: multilog script has no log directory (starting with . or /)',
    ]);
  });

  it('dot names, dangling entries; files in the tree are ignored as svscan ignores them', () => {
    const t = tree(
      { ...service('.old'), name: '.old' },
      { name: '.gitignore', entry: script('', false) },
      { name: 'gone', entry: { type: 'dangling', target: '/srv/gone' } },
      { name: 'notes.txt', entry: script('', false) },
    );
    expect(lines(t)).toEqual([
      'T/.old: skipped by svscan: names starting with . are never supervised',
      'T/gone: dangling symlink to /srv/gone: svscan warns "unable to stat" every 5 s',
    ]);
    expect(serviceCount(t)).toBe(0);
  });

  it('more services than svscan runs', () => {
    const many = Array.from({ length: 1001 }, (_, i) => service(`s${i}`));
    expect(lines(tree(...many))).toEqual([
      'T: 1001 services: svscan starts at most 1000 ("running too many services")',
    ]);
    expect(lines(tree(...many.slice(1)))).toEqual([]);
  });

  it('DIR that is itself a service', () => {
    expect(lines({ dir: 'svc/', ownRun: script('#!/bin/sh\n'), entries: [] })).toEqual([
      'svc/run: this looks like one service, not a tree of services: svscan would ignore it',
    ]);
  });
});
