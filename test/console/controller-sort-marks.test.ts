// The controller alone (no Ink): keys in, the screen model out, calls on a fake source. Sorting
// by a figure asks the source for every service's figures; marks survive a re-sort, are dropped
// when their service leaves the tree, and one confirmed key sends the letter to each by id.
import { describe, expect, it } from 'vitest';
import { plain } from '../../src/screen/spans.js';
import type { InterestOptions, ServiceId } from '../../src/source/port.js';
import { ServiceStore } from '../../src/store/service-store.js';
import { FakeSource, fixedSource, id, NOW, testController } from './fake-source.js';

/** The action runner reads each service before it sends: let its promises run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

class Recording extends FakeSource {
  options: InterestOptions | undefined;
  override setInterest(ids: readonly ServiceId[], options?: InterestOptions) {
    super.setInterest(ids);
    this.options = options;
  }
}

async function controller() {
  const fixed = fixedSource();
  const source = new Recording(fixed.entries, fixed.facts, fixed.logs);
  const services = new ServiceStore((flush) => flush());
  services.setServices(await source.list());
  source.watch((change) => services.apply(change));
  source.emit({
    kind: 'resources',
    atMs: NOW,
    samples: [
      {
        id: id('alpha'),
        resources: { pid: 4412, cpuPercent: 1, rssKB: 900, processes: 1, threads: 1, from: 'proc' },
      },
      {
        id: id('beta'),
        resources: { pid: 977, cpuPercent: 60, rssKB: 100, processes: 1, threads: 1, from: 'proc' },
      },
    ],
  });
  // No paceMs: the controller's own pace, as before.
  const c = testController(source, services, {
    size: { columns: 120, rows: 40 },
    paceMs: undefined,
  });
  await c.start();
  const press = (...keys: string[]) => keys.forEach((k) => c.keys(k, {}));
  const rows = () => {
    const body = c.getScreen().body;
    return body.kind === 'panes'
      ? body.table.slice(1, 4).map(
          (l) =>
            plain(l)
              .replace(/^[* ] /, '')
              .split(' ')[0],
        )
      : [];
  };
  return { c, source, services, press, rows };
}

describe('controller: sort', () => {
  it('> to CPU% sorts busiest first and asks for every figure; back to SERVICE asks for the screen’s', async () => {
    const { c, source, press, rows } = await controller();
    c.getScreen();
    expect(source.options).toEqual({ allFigures: false });
    press('>', '>', '>', '>');
    expect(rows()).toEqual(['beta', 'alpha', 'gamma']);
    c.getScreen();
    expect(source.options).toEqual({ allFigures: true });
    press('>'); // MEM: still every figure
    expect(rows()).toEqual(['alpha', 'beta', 'gamma']);
    press('<', '<', '<', '<', '<');
    expect(rows()).toEqual(['alpha', 'beta', 'gamma']);
    c.getScreen();
    expect(source.options).toEqual({ allFigures: false });
  });
});

describe('controller: marks', () => {
  it('marks survive a re-sort; one y sends the letter to each marked service by id', async () => {
    const { source, press, rows } = await controller();
    press(' ', ' '); // alpha, beta
    press('>', '>', '>', '>'); // by CPU%: beta first
    expect(rows()).toEqual(['beta', 'alpha', 'gamma']);
    press('d');
    expect(source.controls).toEqual([]);
    press('y');
    await settle();
    expect(source.controls.map((x) => `${x.id}:${x.letter}`)).toEqual(['alpha:d', 'beta:d']);
  });

  it('a marked service that leaves the tree is no longer marked', async () => {
    const { c, source, press } = await controller();
    press(' ', ' ');
    expect(
      c
        .getScreen()
        .header.map((s) => s.text)
        .join(''),
    ).toContain('2 marked');
    source.emit({
      kind: 'services',
      entries: [
        { id: id('alpha'), name: 'alpha' },
        { id: id('gamma'), name: 'gamma' },
      ],
    });
    expect(
      c
        .getScreen()
        .header.map((s) => s.text)
        .join(''),
    ).toContain('1 marked');
    press('u', 'y');
    await settle();
    expect(source.controls.map((x) => `${x.id}:${x.letter}`)).toEqual(['alpha:u']);
  });
});

describe('controller: frames', () => {
  it('a change nothing on screen shows (figures of a service that is down) wakes no one', async () => {
    const { c, source } = await controller();
    const first = c.getScreen();
    let frames = 0;
    c.subscribe(() => frames++);
    source.emit({
      kind: 'resources',
      atMs: NOW,
      samples: [
        {
          id: id('gamma'),
          resources: { pid: 5, cpuPercent: 9, rssKB: 5, processes: 1, threads: 1, from: 'proc' },
        },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(frames).toBe(0);
    expect(c.getScreen()).toBe(first);
    c.keys('j', {}); // another service: its frame comes with its log
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(frames).toBeGreaterThanOrEqual(1);
    expect(c.getScreen()).not.toBe(first);
  });
});
