// The controller carrying out the log tool's keys on the shown timeline: what it asks of the
// log (search, step, filters, jump in the active zone, a merged timeline of the marked
// services), what it does with the answers (a bad pattern reopens the prompt, filters follow
// the operator to another service's log), and what `y` and `Y` hand to the terminal and the
// file writer.
import { describe, expect, it } from 'vitest';
import type { SaveOutcome } from '../../src/console/log-tool-runner.js';
import { screenLines } from '../../src/screen/screen.js';
import { plain } from '../../src/screen/spans.js';
import type {
  Fact,
  LogAbsence,
  LogFilterInput,
  LogQueryInput,
  LogSearchFacts,
  LogTimeline,
  LogWindowFacts,
  ServiceId,
} from '../../src/source/port.js';
import { MessageStore } from '../../src/store/message-store.js';
import { ServiceStore } from '../../src/store/service-store.js';
import { resolveZone } from '../../src/time/zone.js';
import { FakeSource, fixedSource, id, testController } from './fake-source.js';

/** A timeline that records what the console asks of it and answers as a small log would. */
class RecordingTimeline implements LogTimeline {
  readonly calls: string[] = [];
  filters: readonly LogFilterInput[] = [];
  private searchFacts: LogSearchFacts | undefined;
  constructor(
    private readonly lines: string[],
    private readonly origins?: LogWindowFacts['origins'],
  ) {}
  window(): LogWindowFacts {
    const hits = this.searchFacts
      ? this.lines.map((l) => {
          const at = l.indexOf(this.searchFacts!.query);
          return at < 0 ? [] : [[at, at + this.searchFacts!.query.length] as const];
        })
      : undefined;
    return {
      title: 'alpha/log/main',
      lines: this.lines,
      following: true,
      atTop: false,
      fraction: 1,
      ...(this.searchFacts ? { search: this.searchFacts, hits } : {}),
      ...(this.filters.length ? { hidden: { lines: 7, complete: true } } : {}),
      ...(this.origins ? { origins: this.origins } : {}),
    };
  }
  private readonly listeners = new Set<() => void>();
  private changed() {
    for (const listener of this.listeners) listener();
  }
  move() {}
  resize() {}
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  close() {
    this.calls.push('close');
  }
  async search(query: LogQueryInput): Promise<Fact<'found' | 'bad-query'>> {
    this.calls.push(`search ${query.text}`);
    if (query.text.includes('(')) return { code: 'bad-query', text: 'bad pattern' };
    this.searchFacts = { query: query.text, running: true, total: 2, fraction: 0.5, current: 1 };
    this.changed();
    return { code: 'found', text: '' };
  }
  async step(direction: 1 | -1) {
    this.calls.push(`step ${direction}`);
    return { code: 'none' as const, text: 'no more hits for boom below' };
  }
  async stepLevel(level: string, direction: 1 | -1) {
    this.calls.push(`level ${level} ${direction}`);
    return { code: 'found' as const, text: '' };
  }
  cancelSearch() {
    this.calls.push('cancel');
    this.searchFacts = undefined;
    this.changed();
  }
  async jump(when: string, zone: string) {
    this.calls.push(`jump ${when} in ${zone}`);
    if (when === 'garbage') return { code: 'bad-time' as const, text: 'not a time: "garbage"' };
    return { code: 'found' as const, text: '' };
  }
  async setFilters(filters: readonly LogFilterInput[]): Promise<Fact<'found' | 'bad-query'>> {
    this.calls.push(`filters ${filters.map((f) => `${f.exclude ? '!' : ''}${f.text}`).join(',')}`);
    if (filters.some((f) => f.text.includes('(')))
      return { code: 'bad-query', text: 'filter 2: bad' };
    this.filters = filters;
    this.changed();
    return { code: 'found', text: '' };
  }
}

class ToolSource extends FakeSource {
  readonly timelines = new Map<string, RecordingTimeline>();
  merges: (readonly ServiceId[])[] = [];
  override async openLog(service: ServiceId, _rows: number) {
    const t = new RecordingTimeline([`${service} says boom`, `${service} is calm`]);
    this.timelines.set(service, t);
    return t;
  }
  // The base fake takes no arguments; this one records the services asked for.
  override async openMergedLog(...args: unknown[]): Promise<LogTimeline | Fact<LogAbsence>> {
    const ids = (args[0] ?? []) as readonly ServiceId[];
    this.merges.push(ids);
    const t = new RecordingTimeline(
      ['hello from alpha', 'beta exited 1, restarted'],
      [{ service: 'alpha' }, { service: 'beta', marker: true }],
    );
    this.timelines.set('merged', t);
    return t;
  }
}

async function parts() {
  const base = fixedSource();
  const source = new ToolSource(base.entries, base.facts, base.logs);
  const services = new ServiceStore((flush) => flush());
  services.setServices(await source.list());
  source.watch((change) => services.apply(change));
  const messages = new MessageStore();
  const copied: string[] = [];
  const saved: { path: string; text: string; overwrite: boolean }[] = [];
  const existing = new Set(['taken.log']);
  const controller = testController(source, services, {
    messages,
    zones: ['UTC', 'Asia/Kolkata'].map((z) => resolveZone(z, {}).zone),
    clipboard: (text) => copied.push(text),
    saveText: async (path, text, overwrite): Promise<SaveOutcome> => {
      if (existing.has(path) && !overwrite)
        return { ok: false, code: 'EEXIST', text: `${path}: exists` };
      saved.push({ path, text, overwrite });
      return { ok: true };
    },
  });
  await controller.start();
  const keys = async (...list: string[]) => {
    for (const k of list) {
      if (k === 'Enter') controller.keys('', { return: true });
      else if (k === 'Esc') controller.keys('', { escape: true });
      else if (k === 'Tab') controller.keys('', { tab: true });
      else for (const ch of k) controller.keys(ch, {});
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  const screen = () => screenLines(controller.getScreen()).map(plain);
  return { source, messages, controller, keys, screen, copied, saved };
}

describe('the log tool through the controller', () => {
  it('searches the shown log, draws the count, steps, and Esc cancels', async () => {
    const { source, keys, screen, messages } = await parts();
    await keys('Tab', '/', 'boom', 'Enter');
    const alpha = source.timelines.get(id('alpha'))!;
    expect(alpha.calls).toEqual(['search boom']);
    expect(screen().join('\n')).toMatch(/\/boom hit 1 of 2\+ 50% · following/);
    await keys('n');
    expect(alpha.calls.at(-1)).toBe('step 1');
    expect(messages.getSnapshot()).toBe('no more hits for boom below');
    await keys('e', 'W');
    expect(alpha.calls.slice(-2)).toEqual(['level error 1', 'level warning -1']);
    await keys('Esc');
    expect(alpha.calls.at(-1)).toBe('cancel');
    expect(screen().join('\n')).not.toContain('/boom');
  });

  it('a bad pattern reopens the prompt with the text and the reason; the search before stays', async () => {
    const { source, keys, screen } = await parts();
    await keys('Tab', '/', 'boom', 'Enter', '/', '(x', 'Enter');
    const status = screen().at(-2)!;
    expect(status).toMatch(/^\/\(x▏ +bad pattern/);
    expect(source.timelines.get(id('alpha'))!.calls).toEqual(['search boom', 'search (x']);
    expect(screen().join('\n')).toContain('/boom hit 1 of 2+');
  });

  it('jumps in the active zone; an unparseable time keeps the prompt', async () => {
    const { source, keys, screen } = await parts();
    await keys('Tab', 'z', ':', '-1h', 'Enter', ':', 'garbage', 'Enter');
    expect(source.timelines.get(id('alpha'))!.calls).toEqual([
      'jump -1h in Asia/Kolkata',
      'jump garbage in Asia/Kolkata',
    ]);
    expect(screen().at(-2)).toMatch(/^jump to \(Asia\/Kolkata\): garbage▏ +not a time/);
  });

  it('filters apply to the shown log and follow to the next service; a bad one is refused', async () => {
    const { source, keys, screen } = await parts();
    await keys('Tab', '&', 'boom', 'Enter', '&', '!calm', 'Enter');
    const alpha = source.timelines.get(id('alpha'))!;
    expect(alpha.calls).toEqual(['filters boom', 'filters boom,!calm']);
    expect(screen().join('\n')).toContain('2 filters · 7 hidden');
    await keys('&', '(bad', 'Enter');
    expect(screen().at(-2)).toMatch(/^&\(bad▏ +filter 2: bad/);
    await keys('Esc', 'Tab', 'j');
    expect(source.timelines.get(id('beta'))!.calls).toEqual(['filters boom,!calm']);
    // The list: the second one switched off.
    await keys('Tab', 'F', 'j', ' ');
    expect(source.timelines.get(id('beta'))!.calls.at(-1)).toBe('filters boom,!calm');
    expect(source.timelines.get(id('beta'))!.filters[1]!.enabled).toBe(false);
    expect(screen().join('\n')).toMatch(/\[ \] hide {2}calm/);
  });

  it('M merges the marked services with prefixes and markers; Esc returns to the single log', async () => {
    const { source, keys, screen } = await parts();
    await keys(' ', ' ', 'M');
    expect(source.merges).toEqual([[id('alpha'), id('beta')]]);
    const text = screen().join('\n');
    expect(text).toMatch(/^alpha hello from alpha/m);
    expect(text).toMatch(/^beta {2}beta exited 1, restarted/m);
    await keys('Esc');
    expect(source.timelines.get('merged')!.calls).toContain('close');
    expect(screen().join('\n')).toMatch(/log gamma\/log\/main|alpha\/log\/main/);
  });

  it('y copies the shown lines to the clipboard; Y saves them, asking before writing over', async () => {
    const { keys, copied, saved, messages, screen } = await parts();
    await keys('Tab', 'y');
    expect(copied).toEqual(['alpha says boom\nalpha is calm\n']);
    expect(messages.getSnapshot()).toMatch(/^copied 2 lines to the terminal's clipboard/);
    await keys('Y', 'taken.log', 'Enter');
    expect(saved).toEqual([]);
    expect(screen().at(-2)).toMatch(/^taken\.log exists: write over it\? y\/n/);
    await keys('y');
    expect(saved).toEqual([
      { path: 'taken.log', text: 'alpha says boom\nalpha is calm\n', overwrite: true },
    ]);
    expect(messages.getSnapshot()).toBe('saved 2 lines to taken.log');
  });
});
