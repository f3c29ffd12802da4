// The log pane's reading side on real files: windows by byte offset, escape sequences removed,
// the log directory found from log/run.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLogDirectory } from '../../src/console/log-dir.js';
import { LogFile } from '../../src/console/log-file.js';
import { sanitizeForTerminal } from '../../src/console/sanitize.js';
import { tempDir } from '../support/tools.js';

describe('LogFile', () => {
  const dir = tempDir();
  const path = join(dir, 'current');
  const lines = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
  writeFileSync(path, lines.join('\n') + '\n');
  const file = new LogFile(path);

  it('reads the tail, pages back and forward, and the top', () => {
    const tail = file.tail(5);
    expect(tail.lines).toEqual(lines.slice(-5));
    const back = file.before(tail.start, 5);
    expect(back.lines).toEqual(lines.slice(-10, -5));
    expect(file.from(file.skip(back.start, 5), 5).lines).toEqual(lines.slice(-5));
    expect(file.from(0, 3).lines).toEqual(['line 0', 'line 1', 'line 2']);
    expect(file.before(file.from(0, 3).end, 2).lines).toEqual(['line 1', 'line 2']);
  });

  it('shows a partial last line and sees appended lines', () => {
    appendFileSync(path, 'partial');
    expect(file.tail(2).lines).toEqual(['line 99999', 'partial']);
    appendFileSync(path, ' done\nnext\n');
    expect(file.tail(2).lines).toEqual(['partial done', 'next']);
  });

  it('a missing file is an empty window', () => {
    expect(new LogFile(join(dir, 'nope')).tail(3)).toMatchObject({ lines: [], size: 0 });
  });
});

describe('sanitizeForTerminal', () => {
  it('removes OSC titles, CSI clears and C1 controls; shows other C0 as ^X', () => {
    expect(sanitizeForTerminal('a\x1b]0;X\x07\x1b[2Jb', 80)).toBe('ab');
    expect(sanitizeForTerminal('x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y', 80)).toBe('xlinky');
    expect(sanitizeForTerminal('\x9b31mred\x1bPq#0\x1b\\z', 80)).toBe('redz');
    expect(sanitizeForTerminal('bell\x07 bs\x08 cr\r', 80)).toBe('bell^G bs^H cr^M');
    expect(sanitizeForTerminal('a\tb', 80)).toBe('a       b');
  });
  it('cuts very long lines to the width', () => {
    expect(sanitizeForTerminal('y'.repeat(90_000), 120)).toHaveLength(120);
  });
});

describe('findLogDirectory', () => {
  const root = tempDir();
  const make = (name: string, run: string | undefined) => {
    mkdirSync(join(root, name, 'log'), { recursive: true });
    if (run !== undefined) writeFileSync(join(root, name, 'log/run'), run);
    return join(root, name);
  };
  it('reads the directory argument of multilog, s6-log and svlogd', () => {
    expect(findLogDirectory(make('a', '#!/bin/sh\nexec multilog t s99999 ./main\n'))).toBe(
      join(root, 'a/log/main'),
    );
    expect(findLogDirectory(make('b', '#!/bin/sh\nexec s6-log -b n20 T /var/log/b\n'))).toBe(
      '/var/log/b',
    );
    expect(findLogDirectory(make('c', '#!/bin/sh\nexec svlogd -tt logs\n'))).toBe(
      join(root, 'c/log/logs'),
    );
    expect(findLogDirectory(make('d', '#!/bin/sh\nexec svtui multilog t ./main\n'))).toBe(
      join(root, 'd/log/main'),
    );
  });
  it('falls back to log/main, and to nothing without log/run', () => {
    expect(findLogDirectory(make('e', '#!/bin/sh\nexec logger\n'))).toBe(join(root, 'e/log/main'));
    expect(findLogDirectory(make('f', undefined))).toBeUndefined();
  });
});
