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
  const spend = (ms: number) => (now += ms);
  return { queue, ran, start, turn, turns, now: spend };
}

describe('StartQueue', () => {
  it('runs a lone start at once, where it is asked for', () => {
    const h = harness(1);
    h.queue.push(h.start('a'));
    expect(h.ran).toEqual(['a']);
    expect(h.queue.size).toBe(0);
  });

  it('queues the starts asked for once the slice of the turn is spent, and runs them in order', () => {
    const h = harness(8, 20);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) h.queue.push(h.start(name));
    // 0 → 8 → 16 → 24: a, b and c ran at once; the rest wait.
    expect(h.ran).toEqual(['a', 'b', 'c']);
    expect(h.queue.size).toBe(3);
    h.turn(); // the check phase: the slice is counted afresh
    h.turn(); // the queued starts: one slice of them
    expect(h.ran).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(h.turn()).toBe(false);
  });

  it('stops a queued run once its slice is spent and goes on at the next turn', () => {
    const h = harness(8, 20);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) h.queue.push(h.start(name));
    h.turn();
    h.turn();
    expect(h.ran).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(h.queue.size).toBe(2);
    h.turn();
    expect(h.ran).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('runs at least one queued start a turn, however long it takes', () => {
    const h = harness(100, 20);
    for (const name of ['a', 'b', 'c']) h.queue.push(h.start(name));
    expect(h.ran).toEqual(['a']);
    h.turn();
    h.turn();
    expect(h.ran).toEqual(['a', 'b']);
    h.turn();
    expect(h.ran).toEqual(['a', 'b', 'c']);
  });

  it('never runs a start at once while others wait: they keep their order', () => {
    const h = harness(30, 20);
    h.queue.push(h.start('a'));
    h.queue.push(h.start('b'));
    h.turn(); // the slice is counted afresh, but b still waits
    h.queue.push(h.start('c'));
    expect(h.ran).toEqual(['a']);
    h.turn();
    h.turn();
    expect(h.ran).toEqual(['a', 'b', 'c']);
  });

  it('takes a start asked for by a queued start into the same run, after those before it', () => {
    const h = harness(1, 20);
    h.queue.push(() => {
      h.ran.push('a');
      h.now(30); // spends the slice: what follows waits for a run
    });
    h.queue.push(() => {
      h.ran.push('b');
      h.queue.push(h.start('d'));
    });
    h.queue.push(h.start('c'));
    h.turn();
    h.turn();
    expect(h.ran).toEqual(['a', 'b', 'c', 'd']);
  });

  it('really runs on the event loop by default', async () => {
    const queue = new StartQueue(() => 0, 0);
    const ran = await new Promise<string>((resolve) => queue.push(() => resolve('ran')));
    expect(ran).toBe('ran');
  });
});
