// What an action did, in one line, from the service's status before and after.
import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../../src/store/outcome.js';
import { down, NOW, up } from '../console/fake-source.js';

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
