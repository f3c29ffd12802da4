// The store folds resource sweeps and health in: figures set and cleared per sweep, listeners told
// only when a figure changed as far as anyone reads it (CPU to the tenth), health replaced whole.
import { describe, expect, it } from 'vitest';
import type { ResourceFacts, ServiceId } from '../../src/source/port.js';
import { ServiceStore } from '../../src/store/service-store.js';

const id = (name: string) => name as ServiceId;
const figures = (cpuPercent: number, rssKB = 1000): ResourceFacts => ({
  pid: 7,
  cpuPercent,
  rssKB,
  processes: 1,
  threads: 1,
  from: 'proc',
});

/** A store whose batches are flushed by `flush()`, as a turn of the event loop would. */
function store() {
  const queued: (() => void)[] = [];
  const s = new ServiceStore((flush) => queued.push(flush));
  s.setServices([
    { id: id('a'), name: 'a' },
    { id: id('b'), name: 'b' },
  ]);
  queued.splice(0).forEach((f) => f());
  let told = 0;
  s.subscribe(() => told++);
  const apply = (change: Parameters<ServiceStore['apply']>[0]) => {
    s.apply(change);
    queued.splice(0).forEach((f) => f());
  };
  return { s, apply, told: () => told };
}

describe('service store: resources and health', () => {
  it('a sweep sets the figures of the services in it, clears those listed without, keeps the rest', () => {
    const { s, apply, told } = store();
    apply({ kind: 'resources', samples: [{ id: id('a'), resources: figures(12.3) }], atMs: 0 });
    expect(s.row(id('a'))?.resources?.cpuPercent).toBe(12.3);
    expect(told()).toBe(1);
    apply({ kind: 'resources', samples: [{ id: id('b'), resources: figures(1) }], atMs: 2000 });
    expect(s.row(id('a'))?.resources?.cpuPercent).toBe(12.3);
    expect(s.row(id('b'))?.resources?.cpuPercent).toBe(1);
    expect(told()).toBe(2);
    apply({ kind: 'resources', samples: [{ id: id('a') }], atMs: 4000 });
    expect(s.row(id('a'))?.resources).toBeUndefined();
    expect(told()).toBe(3);
  });

  it('the same figures as shown (12.31 and 12.34 are both 12.3) tell nobody', () => {
    const { s, apply, told } = store();
    apply({ kind: 'resources', samples: [{ id: id('a'), resources: figures(12.31) }], atMs: 0 });
    const rows = s.getSnapshot().rows;
    apply({
      kind: 'resources',
      samples: [{ id: id('a'), resources: figures(12.34) }],
      atMs: 2000,
    });
    expect(told()).toBe(1);
    expect(s.getSnapshot().rows).toBe(rows);
    apply({
      kind: 'resources',
      samples: [{ id: id('a'), resources: figures(12.34, 2000) }],
      atMs: 4000,
    });
    expect(told()).toBe(2);
  });

  it('health is kept per service until the next one replaces it', () => {
    const { s, apply } = store();
    const health = {
      code: 'failing' as const,
      text: 'failing 1/2',
      rules: 2,
      failing: 1,
      checks: [],
    };
    apply({ kind: 'health', id: id('b'), health, atMs: 0 });
    apply({ kind: 'resources', samples: [], atMs: 0 });
    expect(s.row(id('b'))?.health).toBe(health);
    apply({ kind: 'health', id: id('zz'), health, atMs: 0 }); // not in the tree: ignored
    expect(s.row(id('zz'))).toBeUndefined();
  });
});
