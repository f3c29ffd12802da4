import { describe, expect, it } from 'vitest';
import {
  emptyHistory,
  formatHistory,
  MAX_RECENT,
  parseHistory,
  type ServiceHistory,
} from '../../src/codec/history.js';

const t = (s: number, ns = 0) => ({ seconds: BigInt(s), nanoseconds: ns });

describe('svtui-history codec', () => {
  it('round-trips every field', () => {
    const h: ServiceHistory = {
      starts: 3,
      lastExit: { kind: 'signal', signal: 'KILL' },
      problem: 'unable to start run: access denied',
      recentStarts: [t(1700000000, 500), t(1700000002)],
      recentExits: [
        { at: t(1700000001), reason: { kind: 'exit', code: 1 } },
        { at: t(1700000003, 7), reason: { kind: 'signal', signal: 'KILL' } },
      ],
    };
    const text = formatHistory(h);
    expect(text).toBe(
      [
        'svtui-history 2',
        'starts 3',
        'last signal KILL',
        'problem unable to start run: access denied',
        'start @400000006553f10a000001f4',
        'start @400000006553f10c00000000',
        'exit @400000006553f10b00000000 exit 1',
        'exit @400000006553f10d00000007 signal KILL',
        'check 60f4ad2b',
        '',
      ].join('\n'),
    );
    expect(parseHistory(text)).toEqual(h);
  });

  it('keeps only the most recent entries', () => {
    const h = emptyHistory();
    for (let i = 0; i < MAX_RECENT + 5; i++) h.recentStarts.push(t(i));
    expect(parseHistory(formatHistory(h))?.recentStarts).toHaveLength(MAX_RECENT);
  });

  it('refuses a read caught half-way through an in-place rewrite, whatever part it caught', () => {
    const older = { ...emptyHistory(), starts: 12, recentStarts: [t(1700000000), t(1700000100)] };
    const newer = { ...older, starts: 13, recentStarts: [...older.recentStarts, t(1700000200)] };
    const before = formatHistory(older);
    const after = formatHistory(newer);
    // Every mix of the new text's first bytes over the old text, as a reader may see it.
    for (let cut = 1; cut < after.length; cut++) {
      const seen = after.slice(0, cut) + before.slice(cut);
      const parsed = parseHistory(seen);
      if (parsed !== undefined) expect([older, newer]).toContainEqual(parsed);
    }
    // The longer version's tail left after a shorter one, before the cut: the shorter one.
    expect(parseHistory(formatHistory(older) + after.slice(before.length))).toEqual(older);
    expect(parseHistory(after)).toEqual(newer);
  });

  it('reads a file an earlier svtui wrote, without the check line', () => {
    expect(parseHistory('svtui-history 1\nstarts 4\nlast exit 2\n')).toEqual({
      ...emptyHistory(),
      starts: 4,
      lastExit: { kind: 'exit', code: 2 },
    });
  });

  it('rejects a foreign file and skips unknown or broken lines', () => {
    expect(parseHistory('')).toBeUndefined();
    expect(parseHistory('hello\n')).toBeUndefined();
    const h = parseHistory('svtui-history 1\nstarts x\nfuture thing\nstart @zz\nexit @1 exit 1\n');
    expect(h).toEqual(emptyHistory());
    expect(parseHistory('svtui-history 2\nstarts 3\n')).toBeUndefined();
    expect(parseHistory('svtui-history 2\nstarts 3\ncheck 00000000\n')).toBeUndefined();
  });
});
