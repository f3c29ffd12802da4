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
        'svtui-history 1',
        'starts 3',
        'last signal KILL',
        'problem unable to start run: access denied',
        'start @400000006553f10a000001f4',
        'start @400000006553f10c00000000',
        'exit @400000006553f10b00000000 exit 1',
        'exit @400000006553f10d00000007 signal KILL',
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

  it('rejects a foreign file and skips unknown or broken lines', () => {
    expect(parseHistory('')).toBeUndefined();
    expect(parseHistory('hello\n')).toBeUndefined();
    const h = parseHistory('svtui-history 1\nstarts x\nfuture thing\nstart @zz\nexit @1 exit 1\n');
    expect(h).toEqual(emptyHistory());
  });
});
