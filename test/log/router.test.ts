import { describe, expect, it } from 'vitest';
import { LineRouter, type Routed } from '../../src/log/router.js';
import { parseScript } from '../../src/log/script.js';

const LABEL = Buffer.from('@400000006b04a1e803b977e4 ');

/** What each directory received, as text. */
function taken(routed: Routed): string[] {
  return routed.ranges.map((r) => {
    let s = '';
    for (let i = 0; i < r.length; i += 2) s += routed.data.toString('latin1', r[i], r[i + 1]);
    return s;
  });
}

function feed(args: string[], chunks: string[], label?: Buffer) {
  const router = new LineRouter(parseScript(args));
  const dirs = parseScript(args)
    .actions.filter((a) => a.kind === 'directory')
    .map(() => '');
  let alerts = '';
  const statuses: (string | undefined)[] = [];
  const take = (r: Routed) => {
    taken(r).forEach((t, i) => (dirs[i] += t));
    alerts += r.alerts?.toString('latin1') ?? '';
    r.statuses.forEach((s, i) => {
      if (s) statuses[i] = s.toString('latin1');
    });
  };
  for (const chunk of chunks) take(router.push(Buffer.from(chunk, 'latin1'), label));
  take(router.finish());
  return { dirs, alerts, statuses };
}

describe('line router', () => {
  it('passes every line to every directory and ends a last line with a newline', () => {
    expect(feed(['./a', './b'], ['hel', 'lo\nwor', 'ld']).dirs).toEqual([
      'hello\nworld\n',
      'hello\nworld\n',
    ]);
    expect(feed(['./a'], ['']).dirs).toEqual(['']);
  });

  it('labels a line once, when its first byte arrives', () => {
    const { dirs } = feed(['t', './a'], ['one\ntw', 'o\n\n'], LABEL);
    const l = LABEL.toString();
    expect(dirs[0]).toBe(`${l}one\n${l}two\n${l}\n`);
  });

  it('selects per directory in script order, across chunk boundaries', () => {
    const args = ['./all', '-*', '+*o', './o', '-*x*', './nox'];
    const { dirs } = feed(args, ['foo\nhel', 'lo\nfo\nax\n']);
    // selection carries on from one action to the next: ./nox sees what +*o selected, minus x
    expect(dirs).toEqual(['foo\nhello\nfo\nax\n', 'hello\nfo\n', 'hello\nfo\n']);
  });

  it('matches only the first 1000 bytes but writes whole lines', () => {
    const long = 'z'.repeat(1200) + 'END';
    const short = 'w'.repeat(990) + 'END';
    const { dirs } = feed(
      ['-*END', './a'],
      [long.slice(0, 500), long.slice(500) + '\n' + short + '\n'],
    );
    expect(dirs[0]).toBe(long + '\n');
  });

  it('cuts alerts at 200 bytes with ...', () => {
    const a = 'x'.repeat(200);
    const b = 'y'.repeat(201);
    expect(feed(['e'], [`${a}\n${b}\n`]).alerts).toBe(`${a}\n${'y'.repeat(200)}...\n`);
    expect(feed(['-*', '+*o', 'e'], ['foo\nhello\nfo\nab]c]\n']).alerts).toBe('hello\nfo\n');
  });

  it('gives a status file the last selected line padded to 1001 bytes', () => {
    const { statuses } = feed(['-*', '+STAT*', '=st'], ['STAT one\nother\n']);
    expect(statuses[0]).toBe('STAT one' + '\n'.repeat(993));
    const long = feed(['=st'], ['q'.repeat(1500) + '\n']).statuses[0]!;
    expect(long).toBe('q'.repeat(1000) + '\n');
  });

  it('keeps binary bytes and reports whether input ends mid-line', () => {
    const router = new LineRouter(parseScript(['-x', './a']));
    router.push(Buffer.from('a\0b\r\nc'));
    expect(router.midLine).toBe(true);
    const rest = router.push(Buffer.from('d\n'));
    expect(router.midLine).toBe(false);
    expect(taken(rest)[0]).toBe('cd\n');
  });
});
