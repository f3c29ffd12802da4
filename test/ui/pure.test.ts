// The console's pure parts: column layout, formatting, freshness, outcomes, restart counting.
import { describe, expect, it, vi } from 'vitest';
import { MessageStore } from '../../src/store/message-store.js';
import { describeOutcome } from '../../src/store/outcome.js';
import { ServiceStore } from '../../src/store/service-store.js';
import { filterNames } from '../../src/store/ui-state.js';
import { layoutColumns, headerLine } from '../../src/ui/columns.js';
import { fit, formatDuration, freshness, msUntilChange, printable } from '../../src/ui/format.js';
import { down, NOW, up } from './fixtures.js';

describe('columns', () => {
  for (const width of [40, 80, 100, 120, 200]) {
    it(`fit in ${width} columns`, () => {
      const columns = layoutColumns(width);
      const used = columns.reduce((sum, c) => sum + c.width, 0) + columns.length - 1;
      expect(used).toBeLessThanOrEqual(width);
      expect(headerLine(columns).length).toBeLessThanOrEqual(width);
      expect(columns[0]?.key).toBe('name');
    });
  }
  it('keep every column at 80', () => {
    expect(layoutColumns(80).map((c) => c.key)).toEqual([
      'name',
      'state',
      'pid',
      'time',
      'normally',
      'want',
      'restarts',
      'lastExit',
      'log',
    ]);
  });
  it('drop trailing columns when very narrow', () => {
    expect(layoutColumns(40).length).toBeLessThan(9);
  });
});

describe('format', () => {
  it('durations', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(59_999)).toBe('59s');
    expect(formatDuration(60_000)).toBe('1m00s');
    expect(formatDuration(3_723_000)).toBe('1h02m');
    expect(formatDuration(5 * 86_400_000 + 3 * 3_600_000)).toBe('5d03h');
    expect(formatDuration(-5)).toBe('0s');
  });
  it('fit cuts with an ellipsis and pads', () => {
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fit('ab', 4, 'right')).toBe('  ab');
  });
  it('freshness follows vsv: < 5 s new, < 30 s recent', () => {
    const row = (sinceMs: number) => ({
      name: 'a',
      dir: '/a',
      restarts: 0,
      observation: up(1, sinceMs),
    });
    expect(freshness(row(NOW - 4_999), NOW)).toBe('new');
    expect(freshness(row(NOW - 5_000), NOW)).toBe('recent');
    expect(freshness(row(NOW - 29_999), NOW)).toBe('recent');
    expect(freshness(row(NOW - 30_000), NOW)).toBe('settled');
  });
  it('msUntilChange: the next second, minute or hour of TIME, or a freshness boundary', () => {
    const row = (age: number) => ({
      name: 'a',
      dir: '/a',
      restarts: 0,
      observation: up(1, NOW - age),
    });
    expect(msUntilChange(row(1_200), NOW)).toBe(800);
    expect(msUntilChange(row(4_900), NOW)).toBe(100);
    expect(msUntilChange(row(29_950), NOW)).toBe(50);
    expect(msUntilChange(row(2 * 3_600_000 + 10_000), NOW)).toBe(50_000);
    expect(msUntilChange(row(3 * 86_400_000 + 60_000), NOW)).toBe(3_540_000);
    expect(msUntilChange({ name: 'a', dir: '/a', restarts: 0 }, NOW)).toBe(Infinity);
  });
  it('names cannot carry control bytes', () => {
    expect(printable('a\x1b]0;x\x07b')).toBe('a?]0;x?b');
  });
  it('filter is a case-insensitive substring', () => {
    expect(filterNames(['Alpha', 'beta', 'alphabet'], 'ALP')).toEqual(['Alpha', 'alphabet']);
  });
});

describe('outcome of an action', () => {
  const base = { service: 'alpha', timeoutMs: 3000 };
  it('TERM then a new pid', () => {
    expect(
      describeOutcome({
        ...base,
        letter: 't',
        before: up(10, NOW),
        after: up(11, NOW),
        elapsedMs: 200,
      }),
    ).toBe('alpha: TERM sent; it exited and is back up as pid 11 after 0.2 s');
  });
  it('waits while nothing changed, then says what is still the case', () => {
    const args = { ...base, letter: 't' as const, before: up(10, NOW), after: up(10, NOW) };
    expect(describeOutcome({ ...args, elapsedMs: 100 })).toBeUndefined();
    expect(describeOutcome({ ...args, elapsedMs: 3000 })).toBe(
      'alpha: TERM sent; still up (pid 10)',
    );
  });
  it('down and up', () => {
    expect(
      describeOutcome({
        ...base,
        letter: 'd',
        before: up(10, NOW),
        after: down(NOW),
        elapsedMs: 100,
      }),
    ).toBe('alpha: down sent (TERM, CONT); down after 0.1 s');
    expect(
      describeOutcome({
        ...base,
        letter: 'u',
        before: down(NOW),
        after: up(12, NOW),
        elapsedMs: 50,
      }),
    ).toBe('alpha: up sent; up as pid 12 after 0.1 s');
  });
  it('a signal that kills: the gap before the restart is not the outcome', () => {
    const gap = { ...down(NOW), status: { ...down(NOW).status!, want: 'up' as const } };
    const args = { ...base, letter: 'h' as const, before: up(10, NOW) };
    expect(describeOutcome({ ...args, after: gap, elapsedMs: 20 })).toBeUndefined();
    expect(describeOutcome({ ...args, after: gap, elapsedMs: 2000 })).toBeUndefined();
    expect(describeOutcome({ ...args, after: up(11, NOW), elapsedMs: 1000 })).toBe(
      'alpha: HUP sent; it exited and is back up as pid 11 after 1.0 s',
    );
    expect(describeOutcome({ ...args, after: gap, elapsedMs: 3000 })).toBe(
      'alpha: HUP sent; it exited and stayed down (after 3.0 s)',
    );
  });
  it('a signal the service ignores: still up, said only once the watch is over', () => {
    const args = { ...base, letter: 'h' as const, before: up(10, NOW), after: up(10, NOW) };
    expect(describeOutcome({ ...args, elapsedMs: 0 })).toBeUndefined();
    expect(describeOutcome({ ...args, elapsedMs: 3000 })).toBe(
      'alpha: HUP sent; still up (pid 10)',
    );
  });
  it('a signal that kills a service wanted down: down once it settled, not at once', () => {
    const args = { ...base, letter: 'k' as const, before: up(10, NOW), after: down(NOW) };
    expect(describeOutcome({ ...args, elapsedMs: 40 })).toBeUndefined();
    expect(describeOutcome({ ...args, elapsedMs: 1500 })).toBe(
      'alpha: KILL sent; it exited and stayed down (after 1.5 s)',
    );
  });
  it('no supervisor', () => {
    const after = { ...up(10, NOW), supervised: false };
    expect(
      describeOutcome({ ...base, letter: 'k', before: up(10, NOW), after, elapsedMs: 0 }),
    ).toBe('alpha: KILL sent; but no supervisor is running');
  });
});

describe('service store', () => {
  it('counts restarts from observed pid changes and notifies once per batch', () => {
    const flushes: (() => void)[] = [];
    const store = new ServiceStore((f) => flushes.push(f));
    let heard = 0;
    store.subscribe(() => (heard += 1));
    store.setServices([{ name: 'a', dir: '/a' }]);
    store.observe('a', up(10, NOW), NOW);
    store.observe('a', up(11, NOW + 1000), NOW + 1000);
    store.observe('a', down(NOW + 2000, true), NOW + 2000);
    store.observe('a', up(12, NOW + 3000), NOW + 3000);
    expect(flushes).toHaveLength(1);
    flushes[0]?.();
    expect(heard).toBe(1);
    const row = store.getSnapshot().rows[0];
    expect(row?.restarts).toBe(2);
    expect(row?.lastExit).toBe('seen exit');
  });
  it('prefers svtui history when the supervisor keeps one', () => {
    const store = new ServiceStore((f) => f());
    store.setServices([{ name: 'a', dir: '/a' }]);
    store.observe('a', up(10, NOW, { history: { starts: 7, lastExit: 'signal KILL' } }), NOW);
    expect(store.getSnapshot().rows[0]).toMatchObject({ restarts: 6, lastExit: 'signal KILL' });
  });
  it('keeps rows sorted by name and snapshots stable when nothing changed', () => {
    const store = new ServiceStore((f) => f());
    store.setServices([
      { name: 'b', dir: '/b' },
      { name: 'a', dir: '/a' },
    ]);
    store.observe('a', up(10, NOW), NOW);
    const first = store.getSnapshot();
    expect(first.rows.map((r) => r.name)).toEqual(['a', 'b']);
    store.observe('a', up(10, NOW), NOW + 500);
    expect(store.getSnapshot()).toBe(first);
  });
});

describe('status line messages', () => {
  it('fade after 15 s; a sticky message comes back; no timer while nothing is shown', () => {
    vi.useFakeTimers();
    try {
      const store = new MessageStore();
      let told = 0;
      store.subscribe(() => told++);
      store.set('standing', { sticky: true });
      expect(vi.getTimerCount()).toBe(0);
      store.set('alpha: cancelled, nothing sent');
      expect(store.getSnapshot()).toBe('alpha: cancelled, nothing sent');
      vi.advanceTimersByTime(14_000);
      expect(store.getSnapshot()).toBe('alpha: cancelled, nothing sent');
      vi.advanceTimersByTime(1_000);
      expect(store.getSnapshot()).toBe('standing');
      expect(vi.getTimerCount()).toBe(0);
      expect(told).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
