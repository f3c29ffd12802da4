// The multilog script rules and the log/run recogniser of `svtui check`, pure.
import { describe, expect, it } from 'vitest';
import { multilogScript } from '../../src/check/log-run.js';
import {
  multilogParents,
  multilogProblems,
  parentProblems,
} from '../../src/check/multilog-rules.js';

describe('multilogScript', () => {
  it.each([
    ['#!/bin/sh\nexec multilog t ./main\n', ['t', './main']],
    ['#!/bin/sh\n# comment\n\nexec 2>&1\nexec svtui multilog t ./main\n', ['t', './main']],
    ['exec setuidgid log multilog t s4096 ./main', ['t', 's4096', './main']],
    ['exec /usr/bin/setuidgid log /usr/bin/multilog ./x', ['./x']],
    [
      'exec s6-setuidgid log svtui multilog \'-*\' "+* fatal: *" ./main',
      ['-*', '+* fatal: *', './main'],
    ],
    ['exec multilog', []],
  ])('%j', (text, script) => {
    expect(multilogScript(text)).toEqual(script);
  });

  it.each([
    '#!/bin/sh\nexec svlogd -tt ./main\n',
    '#!/bin/sh\nexec s6-log t ./main\n',
    'exec multilog t $LOGDIR',
    'exec multilog t ./main; echo done',
    'cd /tmp\nexec multilog t ./main',
    'multilog t ./main',
    '',
  ])('not a simple multilog line: %j', (text) => {
    expect(multilogScript(text)).toBeUndefined();
  });
});

describe('multilogProblems', () => {
  it('a clean script has none', () => {
    expect(multilogProblems(['t', 's1000000', 'n20', '!gzip', './main'])).toEqual([]);
    expect(multilogProblems(['t', '-*', '+* fatal: *', 'e', '=status', '/var/log/x'])).toEqual([]);
  });

  it('no log directory', () => {
    expect(multilogProblems(['t', 'e'])).toEqual([
      'multilog script has no log directory (starting with . or /)',
    ]);
    expect(multilogProblems([])).toEqual([
      'multilog script has no log directory (starting with . or /)',
    ]);
  });

  it('a directory not starting with . or / is silently ignored', () => {
    expect(multilogProblems(['t', 'main', './ok'])).toEqual([
      'multilog silently ignores "main": a log directory must start with . or /',
    ]);
    expect(multilogProblems(['', './ok'])).toEqual([
      'multilog silently ignores "": a log directory must start with . or /',
    ]);
  });

  it('t is honoured only first', () => {
    expect(multilogProblems(['./a', 't'])).toEqual([
      'multilog ignores "t": t counts only as the first word',
    ]);
  });

  it('sizes and counts that get clamped or misread', () => {
    expect(multilogProblems(['s100', 's20000000', 's4k', 'n1', 'n3x', './a'])).toEqual([
      'multilog reads "s100" as s4096 (sizes are 4096 to 16777215)',
      'multilog reads "s20000000" as s16777215 (sizes are 4096 to 16777215)',
      'multilog reads "s4k" as s4096 (sizes are 4096 to 16777215)',
      'multilog reads "n1" as n2 (at least 2: one old file)',
      'multilog reads "n3x" as n3 (at least 2: one old file)',
    ]);
  });

  it('settings, processors and patterns that nothing after them uses', () => {
    expect(multilogProblems(['./a', 's4096', 'n5', '!gzip', '-*'])).toEqual([
      '"s4096" applies to no log directory after it',
      '"n5" applies to no log directory after it',
      'processor "!gzip" applies to no log directory after it',
      'pattern "-*" selects for no action after it',
    ]);
  });

  it('the same directory twice cannot be locked twice', () => {
    expect(multilogProblems(['./a', './b', './a'])).toEqual([
      '"./a" is given twice: multilog fails to lock it',
    ]);
  });
});

describe('parent directories multilog needs', () => {
  const script = ['t', './main', './a/b', '/var/log/x', '=st/status', '=top', 'e'];
  it('multilogParents lists each once, as written', () => {
    expect(multilogParents(script)).toEqual(['.', './a', '/var/log', 'st']);
  });
  it('parentProblems names each target whose parent is missing or not a directory', () => {
    const parents = {
      '.': { type: 'directory' as const },
      './a': { type: 'missing' as const },
      '/var/log': { type: 'directory' as const },
      st: { type: 'file' as const, executable: false, head: '' },
    };
    expect(parentProblems(script, parents)).toEqual([
      '"./a/b": ./a does not exist, so multilog fails (unable to open directory ./a/b)',
      '"=st/status": st is not a directory, so multilog fails (unable to create st/status)',
    ]);
  });
});

describe('sizes and counts as multilog reads them', () => {
  it("wraps s and n modulo 2^64 as multilog's scan_ulong does", () => {
    expect(multilogProblems(['s18446744073709551617000', './main'])).toEqual([
      'multilog reads "s18446744073709551617000" as s4096 (sizes are 4096 to 16777215)',
    ]);
    expect(multilogProblems(['n18446744073709551617', './main'])).toEqual([
      'multilog reads "n18446744073709551617" as n2 (at least 2: one old file)',
    ]);
  });
});
