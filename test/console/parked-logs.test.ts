// The controller keeps the last few logs it left open: going back to a service whose log was
// just shown (j then k across a 1 GB log) shows it without opening it again, with what it wrote
// meanwhile; past the few, the oldest is closed, and a log with filters on is never kept.
import { describe, expect, it } from 'vitest';
import { plain } from '../../src/screen/spans.js';
import type { Fact, LogAbsence, LogTimeline, ServiceId } from '../../src/source/port.js';
import { parseFilterText } from '../../src/store/log-tool.js';
import { ServiceStore } from '../../src/store/service-store.js';
import { FakeSource, id, NOW, testController, up } from './fake-source.js';

const NAMES = ['s1', 's2', 's3', 's4', 's5', 's6'];

class Counting extends FakeSource {
  readonly closed: string[] = [];
  readonly shown = new Map<string, LogTimeline & { append(line: string): void }>();
  override async openLog(service: ServiceId, rows: number) {
    const opened: LogTimeline | Fact<LogAbsence> = await super.openLog(service, rows);
    if (!('window' in opened)) return opened;
    const close = opened.close.bind(opened);
    opened.close = () => {
      this.closed.push(service);
      close();
    };
    this.shown.set(service, opened as LogTimeline & { append(line: string): void });
    return opened;
  }
}

async function setUp() {
  const source = new Counting(
    NAMES.map((n) => ({ id: id(n), name: n })),
    new Map(NAMES.map((n, i) => [id(n), { observation: up(100 + i, NOW - 60_000) }])),
    new Map(NAMES.map((n) => [id(n), [`${n} first line`]])),
  );
  const services = new ServiceStore((flush) => flush());
  services.setServices(await source.list());
  source.watch((change) => services.apply(change));
  const controller = testController(source, services);
  await controller.start();
  const key = async (k: string) => {
    controller.keys(k, {});
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const text = () => {
    const screen = controller.getScreen();
    return screen.body.kind === 'panes' ? screen.body.log.map(plain).join('\n') : '';
  };
  return { source, controller, key, text };
}

describe('logs left lately', () => {
  it('going back shows the kept log, not a new one, with the lines written meanwhile', async () => {
    const { source, controller, key, text } = await setUp();
    expect(source.opened).toEqual(['s1']);
    await key('j');
    expect(text()).toContain('s2 first line');
    source.shown.get('s1')!.append('s1 written while away');
    await key('k');
    expect(source.opened).toEqual(['s1', 's2']);
    expect(source.closed).toEqual([]);
    expect(text()).toContain('s1 written while away');
    await controller.close();
    expect([...source.closed].sort()).toEqual(['s1', 's2']);
  });

  it('keeps three: the oldest left is closed when a fourth is left', async () => {
    const { source, controller, key } = await setUp();
    for (let i = 0; i < 4; i++) await key('j'); // s1 … s4 left, s5 shown
    expect(source.closed).toEqual(['s1']);
    await key('k'); // back to s4: kept
    expect(source.opened).toEqual(['s1', 's2', 's3', 's4', 's5']);
    await controller.close();
  });

  it('a log with filters on is closed when left, not kept', async () => {
    const { source, controller, key } = await setUp();
    const filters = [parseFilterText('first')];
    controller.dispatch({ kind: 'logTool', action: { kind: 'filtersSet', filters } });
    await key('j');
    expect(source.closed).toEqual(['s1']);
    await key('k');
    expect(source.opened).toEqual(['s1', 's2', 's1']);
    await controller.close();
  });
});
