// The poller alone, with a fake tree and a fake clock: the services on screen are read every
// second, every service once per full period in slices, the rest of a big tree after the first
// screen, new services at once when the tree changes; stop() leaves no timer behind.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Poller } from '../../../src/source/local/poller.js';
import type { DirEntry } from '../../../src/source/local/observe.js';
import { up, NOW } from '../../console/fake-source.js';

afterEach(() => vi.useRealTimers());

function fakeTree(count: number) {
  let entries: DirEntry[] = Array.from({ length: count }, (_, i) => ({
    name: `s${String(i).padStart(4, '0')}`,
    dir: `/t/s${i}`,
  }));
  const reads = new Map<string, number>();
  const listed: string[][] = [];
  let changed: (() => void) | undefined;
  const poller = new Poller(
    {
      list: () => entries,
      read: (e) => {
        reads.set(e.name, (reads.get(e.name) ?? 0) + 1);
        return { observation: up(1, NOW) };
      },
      emit: () => undefined,
      listed: (list) => listed.push(list.map((e) => e.name)),
      watchTree: (onChange) => {
        changed = onChange;
        return () => (changed = undefined);
      },
      now: () => NOW,
    },
    { interestMs: 1000, allMs: 20_000, listMs: 10_000, sliceMs: 500 },
  );
  return {
    poller,
    reads,
    listed,
    add: (name: string) => {
      entries = [...entries, { name, dir: `/t/${name}` }];
      changed?.();
    },
    watching: () => changed !== undefined,
  };
}

describe('poller', () => {
  it('reads the first screen at once and the rest only when asked', () => {
    vi.useFakeTimers();
    const t = fakeTree(300);
    t.poller.start(undefined, 64);
    expect(t.reads.size).toBe(64);
    t.poller.readRest();
    expect(t.reads.size).toBe(264); // 200 per turn of the event loop
    vi.advanceTimersByTime(0);
    expect(t.reads.size).toBe(300);
    t.poller.stop();
  });

  it('reads the services on screen every second and everything once per 20 s', () => {
    vi.useFakeTimers();
    const t = fakeTree(1000);
    t.poller.start(undefined, 0);
    t.poller.setInterest(['s0500']);
    vi.advanceTimersByTime(10_000);
    expect(t.reads.get('s0500')).toBeGreaterThanOrEqual(10);
    vi.advanceTimersByTime(10_000);
    const others = [...t.reads.entries()].filter(([name]) => name !== 's0500');
    expect(others).toHaveLength(999);
    expect(Math.max(...others.map(([, n]) => n))).toBe(1);
    t.poller.stop();
  });

  it('a change to the tree lists it again within 50 ms and reads the new service at once', () => {
    vi.useFakeTimers();
    const t = fakeTree(3);
    t.poller.start();
    t.add('zeta');
    vi.advanceTimersByTime(60);
    expect(t.listed.at(-1)).toEqual(['s0000', 's0001', 's0002', 'zeta']);
    expect(t.reads.get('zeta')).toBe(1);
    t.poller.stop();
    expect(t.watching()).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('poller watching every service', () => {
  it('reads a service when its supervise/ changes; polls only what it cannot watch', () => {
    vi.useFakeTimers();
    const reads = new Map<string, number>();
    const fire = new Map<string, () => void>();
    const entries: DirEntry[] = [
      { name: 'a', dir: '/t/a' },
      { name: 'b', dir: '/t/b' },
    ];
    const poller = new Poller(
      {
        list: () => entries,
        read: (e) => {
          reads.set(e.name, (reads.get(e.name) ?? 0) + 1);
          return { observation: up(1, NOW) };
        },
        emit: () => undefined,
        listed: () => undefined,
        now: () => Date.now(),
        // b cannot be watched (no supervise/ yet): it is polled while on screen instead.
        watchService: (e, onChange) => {
          if (e.name === 'b') return undefined;
          fire.set(e.name, onChange);
          return () => fire.delete(e.name);
        },
      },
      { interestMs: 1000, allMs: 600_000, sliceMs: 500, listMs: 600_000 },
    );
    poller.start(undefined, 0);
    poller.readRest();
    reads.clear();
    expect(poller.watching('a')).toBe(true);
    expect(poller.watching('b')).toBe(false);
    poller.setInterest(['a', 'b']);
    vi.advanceTimersByTime(4000);
    expect(reads.get('a') ?? 0).toBe(0);
    expect(reads.get('b')).toBeGreaterThanOrEqual(4);
    fire.get('a')!();
    fire.get('a')!(); // status.new written, then renamed: one read
    vi.advanceTimersByTime(20);
    expect(reads.get('a')).toBe(1);
    vi.advanceTimersByTime(11_000); // on screen and watched: read every 10 s all the same
    expect(reads.get('a')).toBe(2);
    poller.stop();
    expect(fire.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
