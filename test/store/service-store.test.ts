// The table's rows: restarts counted from what was seen, history preferred, sorted, batched.
import { describe, expect, it } from 'vitest';
import { ServiceStore } from '../../src/store/service-store.js';
import { down, id, NOW, up } from '../console/fake-source.js';

describe('service store', () => {
  it('counts restarts from observed pid changes and notifies once per batch', () => {
    const flushes: (() => void)[] = [];
    const store = new ServiceStore((f) => flushes.push(f));
    let heard = 0;
    store.subscribe(() => (heard += 1));
    store.setServices([{ id: id('a'), name: 'a' }]);
    store.observe(id('a'), up(10, NOW), NOW);
    store.observe(id('a'), up(11, NOW + 1000), NOW + 1000);
    // Died while wanted up, then started again by the supervisor: a restart.
    const died = down(NOW + 2000, true);
    store.observe(id('a'), { ...died, status: { ...died.status!, want: 'up' } }, NOW + 2000);
    store.observe(id('a'), up(12, NOW + 3000), NOW + 3000);
    expect(flushes).toHaveLength(1);
    flushes[0]?.();
    expect(heard).toBe(1);
    const row = store.getSnapshot().rows[0];
    expect(row?.restarts).toBe(2);
    expect(row?.restartsFrom).toBe('seen');
    expect(row?.lastExit).toBe('seen exit');
  });
  it('does not count bringing up a service that was down on purpose (u) as a restart', () => {
    const store = new ServiceStore((f) => f());
    store.setServices([{ id: id('a'), name: 'a' }]);
    store.observe(id('a'), down(NOW), NOW);
    store.observe(id('a'), up(12, NOW + 1000), NOW + 1000);
    expect(store.getSnapshot().rows[0]?.restarts).toBe(0);
  });
  it('prefers svtui history when the supervisor keeps one', () => {
    const store = new ServiceStore((f) => f());
    store.setServices([{ id: id('a'), name: 'a' }]);
    store.observe(id('a'), up(10, NOW, { history: { starts: 7, lastExit: 'signal KILL' } }), NOW);
    expect(store.getSnapshot().rows[0]).toMatchObject({ restarts: 6, lastExit: 'signal KILL' });
  });
  it('keeps rows sorted by name and snapshots stable when nothing changed', () => {
    const store = new ServiceStore((f) => f());
    store.setServices([
      { id: id('b'), name: 'b' },
      { id: id('a'), name: 'a' },
    ]);
    store.observe(id('a'), up(10, NOW), NOW);
    const first = store.getSnapshot();
    expect(first.rows.map((r) => r.name)).toEqual(['a', 'b']);
    store.observe(id('a'), up(10, NOW), NOW + 500);
    expect(store.getSnapshot()).toBe(first);
  });
});
