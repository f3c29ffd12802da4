// svtui multilog beside the real /usr/bin/multilog on the same input, stdin from a regular file
// (the only deterministic input for multilog). Rotation points may differ (spec §8); names, modes,
// what is kept and every line in order must not.
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveTools, runCli, runSync, tempDir, type Ran } from '../support/tools.js';
import { allLogged, listing, numberedLines } from './helpers.js';

const enabled = haveTools('multilog');
const root = tempDir('svtui-log-diff-');
let serial = 0;

interface Side {
  cwd: string;
  ran: Ran;
}

function runWith(
  argv: (args: string[], stdio: number) => Ran,
  cwd: string,
  args: string[],
  input: string | Buffer,
) {
  const file = join(cwd, '..', `input-${serial++}`);
  writeFileSync(file, input);
  const fd = openSync(file, 'r');
  try {
    return argv(args, fd);
  } finally {
    closeSync(fd);
  }
}

/** Run multilog and svtui multilog with `args` on `input`, each in a fresh working directory. */
function both(
  args: string[],
  input: string | Buffer,
  prepare?: (cwd: string) => void,
): [Side, Side] {
  const base = join(root, `case-${serial++}`);
  const real = join(base, 'real');
  const ours = join(base, 'ours');
  for (const dir of [real, ours]) {
    mkdirSync(dir, { recursive: true });
    prepare?.(dir);
  }
  const sides: [Side, Side] = [
    {
      cwd: real,
      ran: runWith(
        (a, fd) => runSync(['multilog', ...a], { cwd: real, stdio: [fd, 'pipe', 'pipe'] }),
        real,
        args,
        input,
      ),
    },
    {
      cwd: ours,
      ran: runWith(
        (a, fd) => runCli(['multilog', ...a], { cwd: ours, stdio: [fd, 'pipe', 'pipe'] }),
        ours,
        args,
        input,
      ),
    },
  ];
  if (sides[1].ran.status !== sides[0].ran.status) {
    throw new Error(
      `exit ${sides[1].ran.status} (multilog: ${sides[0].ran.status}): ${sides[1].ran.stderr}`,
    );
  }
  return sides;
}

const dirListing = (side: Side, dir: string) => listing(join(side.cwd, dir));
const shape = (side: Side, dir: string) => dirListing(side, dir).map((e) => `${e.name} ${e.mode}`);

describe.skipIf(!enabled)('svtui multilog against the real multilog', () => {
  it('T13/T14: a fresh directory, its modes and a last line without newline', () => {
    for (const input of ['hello\nworld\n', 'partial']) {
      const [real, ours] = both(['./l1'], input);
      expect(ours.ran.status).toBe(real.ran.status);
      expect(dirListing(ours, 'l1')).toEqual(dirListing(real, 'l1'));
      expect(readFileSync(join(ours.cwd, 'l1/current'))).toEqual(
        readFileSync(join(real.cwd, 'l1/current')),
      );
    }
  });

  it('T15/T16/T17/T19: selection, alerts and the 1000-byte head', () => {
    const cases: [string[], string | Buffer][] = [
      [['-named[*]: Cleaned cache *', './l'], 'named[135]: Cleaned cache of 3121 RRs\nhello\n'],
      [['-*', '+*o', 'e', './l'], 'foo\nhello\nfo\nab]c]\n'],
      [['e', './l'], `${'x'.repeat(200)}\n${'y'.repeat(201)}\n\nbin\0ary\r\ncafé \xff\u00e9\n`],
      [['e', '+*', './l'], Buffer.from([0x61, 0xff, 0xfe, 0x0a, 0x80, 0x0a])],
      [['-*END', './l'], `${'z'.repeat(1200)}END\n${'w'.repeat(990)}END\n`],
      [['t', '-*', '+* fatal: *', 'e'], 'fatal: out of memory\nxfatal: y\n'],
      [['-*', '+a*', './l', '-*', '+*b', './m', 'e'], 'ab\nb\na\nc\n'],
    ];
    for (const [args, input] of cases) {
      const [real, ours] = both(args, input);
      expect(ours.ran.status, args.join(' ')).toBe(0);
      if (args[0] !== 't')
        expect(ours.ran.stderr.toString('latin1'), args.join(' ')).toBe(
          real.ran.stderr.toString('latin1'),
        );
      else
        expect(ours.ran.stderr.toString().replace(/@[0-9a-f]{24}/g, '@TS')).toBe(
          real.ran.stderr.toString().replace(/@[0-9a-f]{24}/g, '@TS'),
        );
      for (const dir of args.filter((a) => a.startsWith('./'))) {
        expect(allLogged(join(ours.cwd, dir)), `${args.join(' ')} ${dir}`).toBe(
          allLogged(join(real.cwd, dir)),
        );
      }
    }
  });

  it('T18: a status file is 1001 bytes, 0600, and never truncated', () => {
    const [real, ours] = both(
      ['-*', '+STAT*', '=st', '=long', '=never'],
      'STAT one\nother\n',
      (cwd) => writeFileSync(join(cwd, 'long'), 'L'.repeat(3000)),
    );
    for (const name of ['st', 'long', 'never']) {
      expect(readFileSync(join(ours.cwd, name)), name).toEqual(readFileSync(join(real.cwd, name)));
    }
    expect(listing(ours.cwd).filter((e) => !e.name.startsWith('input'))).toEqual(
      listing(real.cwd).filter((e) => !e.name.startsWith('input')),
    );
  });

  it('T20/T21/T24: rotated files, retention and every line kept in order', () => {
    const input = numberedLines(200);
    for (const args of [
      ['s4096', 'n99', './l'],
      ['s100', 'n3', './l'],
      ['n1', 's4096', './l'],
    ]) {
      const [real, ours] = both(args, input);
      // with n99 the count of old files depends on the rotation points; with n3 or n1 it must not
      if (args[1] === 'n99') expect(new Set(shape(ours, 'l'))).toEqual(new Set(shape(real, 'l')));
      else expect(shape(ours, 'l'), args.join(' ')).toEqual(shape(real, 'l'));
      const kept = allLogged(join(ours.cwd, 'l'));
      expect(input.endsWith(kept)).toBe(true);
      expect(kept.startsWith(String(Number(kept.slice(0, 6))).padStart(6, '0'))).toBe(true);
      for (const entry of dirListing(ours, 'l')) expect(entry.size).toBeLessThanOrEqual(4096);
      if (args[1] === 'n99') expect(kept).toBe(input);
    }
  });

  it('lines of any length: nothing lost, no file over s, line ends past s - 2000', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    let input = '';
    while (input.length < 120000) input += 'r'.repeat(Math.floor(random() * 9000)) + '\n';
    input += 'tail';
    const [real, ours] = both(['s5000', 'n999', './l'], input);
    expect(allLogged(join(ours.cwd, 'l'))).toBe(allLogged(join(real.cwd, 'l')));
    const old = readdirSync(join(ours.cwd, 'l')).filter((n) => n.startsWith('@'));
    for (const name of old) {
      const bytes = readFileSync(join(ours.cwd, 'l', name));
      expect(bytes.length).toBeLessThanOrEqual(5000);
      if (bytes.length < 5000) {
        expect(bytes[bytes.length - 1]).toBe(10);
        expect(bytes.length).toBeGreaterThanOrEqual(3000);
      }
    }
  });

  it('T22: a processor gets previous, state on fd 4 and newstate on fd 5', () => {
    const input = numberedLines(60);
    const args = ['s4096', 'n5', '!wc -l; echo S >&5; cat <&4 >&2', './l'];
    const [real, ours] = both(args, input);
    expect(shape(ours, 'l')).toEqual(shape(real, 'l'));
    expect(readFileSync(join(ours.cwd, 'l/state'), 'latin1')).toBe('S\n');
    const count = (side: Side) => {
      const dir = join(side.cwd, 'l');
      const processed = readdirSync(dir)
        .filter((n) => n.startsWith('@'))
        .map((n) => Number(readFileSync(join(dir, n), 'latin1')));
      return (
        processed.reduce((a, b) => a + b, 0) +
        readFileSync(join(dir, 'current'), 'latin1').split('\n').length -
        1
      );
    };
    expect(count(ours)).toBe(60);
    expect(count(real)).toBe(60);
    expect(ours.ran.stderr.toString()).toBe(real.ran.stderr.toString());
  });

  it('t: labels valid, ordered, and the lines unchanged', () => {
    const input = numberedLines(3000);
    const [real, ours] = both(['t', 's4096', 'n999', './l'], input);
    const lines = allLogged(join(ours.cwd, 'l')).split('\n').slice(0, -1);
    expect(lines.length).toBe(3000);
    let previous = '';
    lines.forEach((line, i) => {
      expect(line).toMatch(/^@4[0-9a-f]{23} /);
      expect(line.slice(1, 25) >= previous).toBe(true);
      previous = line.slice(1, 25);
      expect(line.slice(26) + '\n').toBe(input.slice(i * 100, i * 100 + 100));
    });
    expect(shape(ours, 'l').slice(-3)).toEqual(shape(real, 'l').slice(-3));
  });

  it('T23: a current left by a crash is kept as @….u', () => {
    const crashed = (cwd: string) => {
      mkdirSync(join(cwd, 'l1'), { mode: 0o700 });
      writeFileSync(join(cwd, 'l1/current'), 'hello\nworld\n', { mode: 0o644 });
      writeFileSync(join(cwd, 'l1/previous'), 'prev\n', { mode: 0o744 });
      writeFileSync(join(cwd, 'l1/newstate'), 'x');
    };
    const [real, ours] = both(['./l1'], 'new\n', crashed);
    expect(dirListing(ours, 'l1')).toEqual(dirListing(real, 'l1'));
    expect(allLogged(join(ours.cwd, 'l1'))).toBe(allLogged(join(real.cwd, 'l1')));
  });

  it('a processed file left by a crash is kept as @….s', () => {
    const crashed = (cwd: string) => {
      mkdirSync(join(cwd, 'l1'), { mode: 0o700 });
      writeFileSync(join(cwd, 'l1/current'), 'c\n', { mode: 0o644 });
      writeFileSync(join(cwd, 'l1/previous'), 'prev\n', { mode: 0o744 });
      writeFileSync(join(cwd, 'l1/processed'), 'done\n', { mode: 0o744 });
    };
    const [real, ours] = both(['./l1'], 'new\n', crashed);
    expect(dirListing(ours, 'l1')).toEqual(dirListing(real, 'l1'));
    expect(allLogged(join(ours.cwd, 'l1'))).toBe(allLogged(join(real.cwd, 'l1')));
  });

  it('a clean current is appended to', () => {
    const clean = (cwd: string) => {
      mkdirSync(join(cwd, 'l1'), { mode: 0o700 });
      writeFileSync(join(cwd, 'l1/current'), 'old\n', { mode: 0o744 });
    };
    const [real, ours] = both(['./l1'], 'again\n', clean);
    expect(dirListing(ours, 'l1')).toEqual(dirListing(real, 'l1'));
    expect(readFileSync(join(ours.cwd, 'l1/current'), 'latin1')).toBe('old\nagain\n');
  });

  it('T25 and friends: what multilog refuses at start, word for word', () => {
    const cases: string[][] = [
      ['./l', './l'],
      ['/proc/nonexist/d'],
      ['=/proc/nonexist/x'],
      ['./file'],
      ['='],
      ['=file/x'],
      ['./file/x'],
    ];
    for (const args of cases) {
      const [real, ours] = both(args, 'x\n', (cwd) => writeFileSync(join(cwd, 'file'), ''));
      expect(ours.ran.status, args.join(' ')).toBe(111);
      expect(ours.ran.stderr.toString()).toBe(real.ran.stderr.toString());
    }
  });

  it('start-up failures in a log directory are fatal as in multilog; unlinking state is not', () => {
    const cases: [string, (l: string) => void][] = [
      ['state is a directory', (l) => mkdirSync(join(l, 'state'))],
      ['newstate is a directory', (l) => mkdirSync(join(l, 'newstate'))],
      ['current is a directory', (l) => mkdirSync(join(l, 'current'), { mode: 0o755 })],
      ['current is a symlink loop', (l) => symlinkSync('current', join(l, 'current'))],
      ['processed is a symlink loop', (l) => symlinkSync('processed', join(l, 'processed'))],
    ];
    for (const [what, prepare] of cases) {
      const [real, ours] = both(['./l'], 'x\n', (cwd) => {
        mkdirSync(join(cwd, 'l'));
        prepare(join(cwd, 'l'));
      });
      expect([ours.ran.status, ours.ran.stderr.toString()], what).toEqual([
        real.ran.status,
        real.ran.stderr.toString(),
      ]);
      expect(readdirSync(join(ours.cwd, 'l')).sort(), what).toEqual(
        readdirSync(join(real.cwd, 'l')).sort(),
      );
    }
  });

  it('no actions: reads to the end and exits 0; unknown words are ignored', () => {
    const [real, ours] = both(['xyz', 'log', 'U2'], 'a\nb\n');
    expect(ours.ran.status).toBe(real.ran.status);
    expect(readdirSync(ours.cwd)).toEqual([]);
  });

  it('a failed read of the input ends it: exit 0, silently, current complete', () => {
    const sides = ['real', 'ours'].map((name) => {
      const cwd = join(root, `unreadable-${name}`);
      mkdirSync(cwd, { recursive: true });
      const fd = openSync(cwd, 'r'); // a directory: read(2) fails with EISDIR
      try {
        const argv = ['multilog', './l'];
        const opts = { cwd, stdio: [fd, 'pipe', 'pipe'] as ['pipe' | number, 'pipe', 'pipe'] };
        const ran = name === 'real' ? runSync(argv, opts) : runCli(argv, opts);
        return {
          status: ran.status,
          stderr: ran.stderr.toString(),
          files: shape({ cwd, ran }, 'l'),
        };
      } finally {
        closeSync(fd);
      }
    });
    expect(sides[1]).toEqual(sides[0]);
    expect(sides[0]!.status).toBe(0);
  });
});
