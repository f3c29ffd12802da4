// The tree's start queue: starts run in the order asked for, a slice per turn of the event loop,
// with the clock and the "later" of the loop injected (no processes, no sleeps).
import { describe, expect, it } from 'vitest';
import { StartQueue } from '../../src/supervisor/start-queue.js';

function harness(costMs: number, sliceMs = 20) {
  let now = 0;
  const turns: (() => void)[] = [];
  const queue = new StartQueue(
    () => now,
    sliceMs,
    (run) => turns.push(run),
  );
  const ran: string[] = [];
  const start = (name: string) => () => {
    ran.push(name);
    now += costMs;
  };
  /** One turn of the loop: runs what was scheduled for it; false when nothing was. */
  const turn = () => {
    const run = turns.shift();
    run?.();
    return run !== undefined;
  };
  return { queue, ran, start, turn, turns };
}

describe('StartQueue', () => {
  it('runs nothing where a start is asked for, then every start in order at the next turn', () => {
    const h = harness(1);
    h.queue.push(h.start('a'));
    h.queue.push(h.start('b'));
    expect(h.ran).toEqual([]);
    expect(h.turns).toHaveLength(1);
    h.turn();
    expect(h.ran).toEqual(['a', 'b']);
    expect(h.queue.size).toBe(0);
    expect(h.turns).toHaveLength(0);
  });

  it('stops a turn once its slice is spent and goes on at the next turn', () => {
    const h = harness(8, 20);
    for (const name of ['a', 'b', 'c', 'd', 'e']) h.queue.push(h.start(name));
    h.turn();
    // 0 → 8 → 16 → 24: the third start ends past the 20 ms slice.
    expect(h.ran).toEqual(['a', 'b', 'c']);
    expect(h.queue.size).toBe(2);
    expect(h.turns).toHaveLength(1);
    h.turn();
    expect(h.ran).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(h.turn()).toBe(false);
  });

  it('runs at least one start a turn, however long it takes', () => {
    const h = harness(100, 20);
    h.queue.push(h.start('a'));
    h.queue.push(h.start('b'));
    h.turn();
    expect(h.ran).toEqual(['a']);
    h.turn();
    expect(h.ran).toEqual(['a', 'b']);
  });

  it('takes a start asked for by a start into the same turn, after those before it', () => {
    const h = harness(1);
    h.queue.push(() => {
      h.ran.push('a');
      h.queue.push(h.start('c'));
    });
    h.queue.push(h.start('b'));
    h.turn();
    expect(h.ran).toEqual(['a', 'b', 'c']);
    expect(h.turns).toHaveLength(0);
  });

  it('schedules a new turn for a start asked for after the queue ran dry', () => {
    const h = harness(1);
    h.queue.push(h.start('a'));
    h.turn();
    h.queue.push(h.start('b'));
    expect(h.turns).toHaveLength(1);
    h.turn();
    expect(h.ran).toEqual(['a', 'b']);
  });

  it('really runs on the event loop by default', async () => {
    const queue = new StartQueue();
    const ran = await new Promise<string>((resolve) => queue.push(() => resolve('ran')));
    expect(ran).toBe('ran');
  });
});
