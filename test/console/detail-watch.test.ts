// The service view's reader: open settles with the first facts (without a `changed`), later
// readings are handed to `changed`, and an answer that arrives after the view closed is dropped.
import { describe, expect, it } from 'vitest';
import { DetailWatch } from '../../src/console/detail-watch.js';
import type { Fact, ServiceDetail, ServiceId, TreeSource } from '../../src/source/port.js';
import { fixedSource, id } from './fake-source.js';

function detail(events: number): ServiceDetail {
  return {
    id: id('alpha'),
    history: [],
    paceSeconds: 2,
    historyFrom: 'supervisor',
    events: Array.from({ length: events }, (_, i) => ({ atMs: i, kind: 'start', text: 'started' })),
    rules: { code: 'none', rules: [], cycleSeconds: 30, running: false },
  };
}

/** A source whose answers the test releases one by one. */
function heldSource() {
  const waiting: ((d: ServiceDetail) => void)[] = [];
  const source: TreeSource = Object.assign(fixedSource(), {
    detail: (_id: ServiceId) =>
      new Promise<ServiceDetail | Fact<'unknown-service'>>((resolve) => waiting.push(resolve)),
  });
  return { source, waiting };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 1));
};

describe('DetailWatch', () => {
  it('settles open with the first facts, then hands later readings to changed', async () => {
    const { source, waiting } = heldSource();
    let changes = 0;
    const watch = new DetailWatch(source, () => changes++, 5);
    const opened = watch.open(id('alpha'));
    expect(watch.current(id('alpha'))).toBeUndefined();
    waiting.shift()!(detail(1));
    await opened;
    expect(watch.current(id('alpha'))).toMatchObject({ events: [{ atMs: 0 }] });
    expect(changes).toBe(0);
    await until(() => waiting.length > 0); // the next reading, on the timer
    waiting.shift()!(detail(2));
    await until(() => changes === 1);
    expect(watch.current(id('alpha'))).toMatchObject({ events: [{}, {}] });
    expect(watch.current(id('beta'))).toBeUndefined();
    watch.close();
  });

  it('drops an answer that arrives after the view closed', async () => {
    const { source, waiting } = heldSource();
    let changes = 0;
    const watch = new DetailWatch(source, () => changes++, 0);
    const opened = watch.open(id('alpha'));
    watch.close();
    waiting.shift()!(detail(1));
    await opened;
    expect(watch.current(id('alpha'))).toBeUndefined();
    expect(changes).toBe(0);
  });
});
