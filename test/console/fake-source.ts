// An in-memory TreeSource for the console's component and controller tests: fixed services, fixed
// facts, a fixed log window per service; it records every control letter and log move it is
// asked for, so tests assert what the console asked the source to do.
import { timeFromMillis } from '../../src/codec/tai64n.js';
import { ConsoleController, type ControllerOptions } from '../../src/console/controller.js';
import { MessageStore } from '../../src/store/message-store.js';
import { resolveZone } from '../../src/time/zone.js';
import type { ControlLetter } from '../../src/codec/letters.js';
import { localId } from '../../src/source/local/index.js';
import type {
  Access,
  ControlOutcome,
  Fact,
  LogAbsence,
  LogMove,
  LogTimeline,
  LogWindowFacts,
  Observation,
  ServiceEntry,
  ServiceFacts,
  ServiceId,
  TreeChange,
  TreeSource,
  ServiceDetail,
} from '../../src/source/port.js';

export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
export const id = localId;

export function up(pid: number, sinceMs: number, extra: Partial<Observation> = {}): Observation {
  return {
    supervised: true,
    normallyUp: true,
    sinceMs,
    status: {
      since: timeFromMillis(sinceMs),
      pid,
      paused: false,
      want: 'up',
      gotTerm: false,
      state: 'run',
    },
    ...extra,
  };
}

export function down(sinceMs: number, normallyUp = false): Observation {
  return {
    supervised: true,
    normallyUp,
    sinceMs,
    status: {
      since: timeFromMillis(sinceMs),
      pid: 0,
      paused: false,
      want: 'down',
      gotTerm: false,
      state: 'down',
    },
  };
}

export class FakeSource implements TreeSource {
  readonly title = '/t';
  readonly controls: { id: ServiceId; letter: ControlLetter; target?: 'log' }[] = [];
  readonly moves: LogMove[] = [];
  /** Every time jump asked of a log (what was typed, and the zone). */
  readonly jumps: { when: string; zone: string }[] = [];
  readonly opened: ServiceId[] = [];
  interest: readonly ServiceId[] = [];
  outcome: ControlOutcome = { ok: true };
  private readonly listeners = new Set<(change: TreeChange) => void>();

  constructor(
    readonly entries: ServiceEntry[],
    readonly facts: Map<ServiceId, ServiceFacts>,
    readonly logs: Map<ServiceId, string[]>,
    readonly accessFacts: Access = { mode: 'attached', readOnly: false },
  ) {}

  async list() {
    return [...this.entries].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  async read(service: ServiceId) {
    return this.facts.get(service);
  }
  async access() {
    return this.accessFacts;
  }
  watch(listener: (change: TreeChange) => void) {
    this.listeners.add(listener);
    for (const [service, facts] of this.facts)
      listener({ kind: 'facts', id: service, facts, atMs: NOW });
    return () => this.listeners.delete(listener);
  }
  emit(change: TreeChange) {
    for (const listener of this.listeners) listener(change);
  }
  setInterest(ids: readonly ServiceId[]) {
    this.interest = ids;
  }
  async control(service: ServiceId, letter: ControlLetter, target?: 'service' | 'log') {
    this.controls.push({ id: service, letter, ...(target === 'log' ? { target } : {}) });
    return this.outcome;
  }
  async openLog(service: ServiceId, rows: number): Promise<LogTimeline | Fact<LogAbsence>> {
    const lines = this.logs.get(service);
    const name = this.entries.find((e) => e.id === service)?.name ?? service;
    if (!lines) return { code: 'no-log-service', text: 'no log service' };
    this.opened.push(service);
    return new FakeTimeline(`${name}/log/main`, lines, rows, this.moves, this.jumps);
  }
  /** What `detail` answers, per service (the service view's facts). */
  readonly details = new Map<ServiceId, ServiceDetail>();
  async detail(service: ServiceId): Promise<ServiceDetail | Fact<'unknown-service'>> {
    return this.details.get(service) ?? { code: 'unknown-service', text: 'no such service' };
  }
  async openMergedLog(): Promise<LogTimeline | Fact<LogAbsence>> {
    return { code: 'no-log-service', text: 'no merged log in this fake' };
  }
  async close() {
    this.listeners.clear();
  }
}

class FakeTimeline implements LogTimeline {
  private listeners = new Set<() => void>();
  constructor(
    private readonly title: string,
    private lines: string[],
    private rows: number,
    private readonly moves: LogMove[],
    private readonly jumps: { when: string; zone: string }[] = [],
  ) {}
  window(): LogWindowFacts {
    return {
      title: this.title,
      lines: this.lines.slice(-this.rows),
      following: true,
      atTop: false,
      fraction: 1,
    };
  }
  move(move: LogMove) {
    this.moves.push(move);
    for (const l of this.listeners) l();
  }
  resize(rows: number) {
    this.rows = rows;
  }
  append(line: string) {
    this.lines = [...this.lines, line];
    for (const l of this.listeners) l();
  }
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  close() {
    this.listeners.clear();
  }
  // The log tools answer as a log with no hits would.
  async search() {
    return { code: 'found' as const, text: '' };
  }
  async step() {
    return { code: 'none' as const, text: 'no more hits' };
  }
  async stepLevel() {
    return { code: 'none' as const, text: 'no more errors' };
  }
  cancelSearch() {}
  /** Lands on the first line (a fake log has no stamps to search). */
  async jump(when: string, zone: string) {
    this.jumps.push({ when, zone });
    return { code: 'found' as const, text: `at ${when}` };
  }
  async setFilters() {
    return { code: 'found' as const, text: '' };
  }
}

/** alpha (up 2 h), beta (up 3 s: fresh, 3 restarts), gamma (down, normally down); alpha logs. */
export function fixedSource(access?: Access): FakeSource {
  const facts = new Map<ServiceId, ServiceFacts>([
    [id('alpha'), { observation: up(4412, NOW - 2 * 3600_000) }],
    [
      id('beta'),
      { observation: up(977, NOW - 3000, { history: { starts: 4, lastExit: 'exit 1' } }) },
    ],
    [id('gamma'), { observation: down(NOW - 60_000) }],
  ]);
  const logs = new Map([
    [id('alpha'), ['2026-11-23 12:00:00.000000000 hello', '2026-11-23 12:00:01.000000000 world']],
    [id('beta'), ['beta line']],
    [id('gamma'), []],
  ]);
  return new FakeSource(
    ['gamma', 'alpha', 'beta'].map((n) => ({ id: id(n), name: n })),
    facts,
    logs,
    access,
  );
}

/**
 * A controller as the console tests drive it: attached, UTC, no colour, the fixed clock, no
 * timers (tickMs and paceMs 0), 100×30; `options` adds or replaces any of that.
 */
export function testController(
  source: ControllerOptions['source'],
  services: ControllerOptions['services'],
  options: Partial<ControllerOptions> = {},
): ConsoleController {
  return new ConsoleController({
    source,
    services,
    messages: new MessageStore(),
    access: { mode: 'attached', readOnly: false },
    zones: [resolveZone('UTC', {}).zone],
    noColor: true,
    now: () => NOW,
    size: { columns: 100, rows: 30 },
    tickMs: 0,
    paceMs: 0,
    onQuit: () => undefined,
    ...options,
  });
}
