// The health engine: each cycle, every due rule of every watched service is evaluated with
// src/monitor's pure `step`. Resource, uptime and restart-limit rules are judged at once from
// the figures given; port and program rules start their probe and are judged when it ends — the
// probes of a cycle run concurrently and none waits for another, so one that hangs delays only
// itself (its own timeout bounds it). A probe still running at the next cycle is not started
// twice; that cycle simply has no result for it. The engine sends no signal and runs no command:
// it reports events and hands intents (restart, stop, start, unmonitor, exec, alert) to its
// caller, who carries them out through the supervisor's own control paths.
//
// Inputs from the supervisor: started (a process began: grace starts, windows are emptied so a
// restart is judged afresh), ready, exited, stopped. Rules come from `load` (a broken file keeps
// the last good rules, and says why in an event); state goes out and in with `save`/`restore`
// so a reload or a scanner restart keeps it. Longer than most files here because it is the one
// place where these inputs meet; the pure judging is monitor/step.ts.
import {
  carryOver,
  due,
  formatError,
  initialState,
  parseMonitor,
  ruleKey,
  step,
  type Action,
  type Cycle,
  type MonitorError,
  type MonitorFile,
  type Observation,
  type PortRule,
  type ProgramRule,
  type Rule,
  type RuleState,
} from '../monitor/index.js';
import { READY_LIMIT_MS } from '../codec/service-files.js';
import { describeRule, monitEvent } from './describe.js';
import type { EventKind, HealthEvent } from './event.js';
import type { Clock, ProbeKind, ProbeResult } from './probe-result.js';

/** The latest figures of a service, in the units rules use; any may be missing (no sample yet). */
export interface Figures {
  /** % of one core, main process (top's figure; see resources/figures.ts for monit's). */
  cpu?: number;
  totalcpu?: number;
  /** Bytes: PSS where known, else RSS, as monit ≥ 5.36. */
  memory?: number;
  totalmemory?: number;
  children?: number;
  threads?: number;
}

export interface Probes {
  port(rule: PortRule): Promise<ProbeResult>;
  program(rule: ProgramRule, serviceDir: string): Promise<ProbeResult>;
}

/** Something for the supervisor to do; `event` is the record of it (and an alert's content). */
export interface Intent {
  service: string;
  dir: string;
  action: Action;
  event: HealthEvent;
}

export interface EngineOptions {
  clock: Clock;
  probes: Probes;
  figures: (service: string) => Figures | undefined;
  onIntent: (intent: Intent) => void;
  onEvent: (event: HealthEvent) => void;
  /** After a start, failures are not counted until ready or this long (ms). */
  graceMs: number;
  /**
   * For a service with a readiness signal (notification-fd, ./check) the grace ends at readiness
   * instead, or this long after the start if it never comes (ms; default READY_LIMIT_MS; never
   * sooner than graceMs).
   */
  readyLimitMs?: number;
  /** For `memory > N%`: the machine's memory in bytes. */
  memTotalBytes?: number;
  /** monit's alert reminder: a failure's alert again every N cycles while it lasts. */
  reminderCycles?: number;
}

/** A port or program check's last probe: passed or not, how long it took, when it ended. */
export interface LastProbe {
  ok: boolean;
  ms: number;
  /** ISO 8601 UTC, from the engine's clock. */
  at: string;
  kind: ProbeKind;
  /** The HTTP status or the program's exit status, when there is one. */
  code?: number;
}

/**
 * What `save` gives and `restore` takes: JSON-safe. Version 1 only ever gains optional keys (an
 * older file loads without them, an older svtui ignores them); a key changing meaning bumps it.
 */
export interface Saved {
  version: 1;
  rules: Rule[];
  every?: MonitorFile['every'];
  states: RuleState[];
  cycle: number;
  /** Index for index with `rules`: each port or program check's last probe, null before one. */
  probes?: (LastProbe | null)[];
}

interface Watched {
  id: string;
  dir: string;
  rules: Rule[];
  every: MonitorFile['every'];
  states: RuleState[];
  /** Index for index with `rules`. */
  probes: (LastProbe | null)[];
  cycle: number;
  startedAt: number | null;
  pid: number | undefined;
  ready: boolean;
  /** It has a readiness signal: its grace lasts until ready (at most readyLimitMs). */
  readiness: boolean;
  restarts: number;
  seenStart: boolean;
  monitored: boolean;
  running: Set<Rule>;
}

export class HealthEngine {
  private readonly services = new Map<string, Watched>();

  constructor(private readonly options: EngineOptions) {}

  /**
   * Parse a `monitor` file's text and put its rules in force, carrying over the state of rules
   * that stay. A file with errors changes nothing; the errors are returned and told in an event.
   */
  load(id: string, dir: string, text: string, file: string): MonitorError[] {
    const parsed = parseMonitor(text, file);
    const w = this.watch(id, dir);
    if (parsed.errors.length > 0) {
      const kept = `${w.rules.length} rule${w.rules.length === 1 ? '' : 's'} loaded before`;
      const why = parsed.errors.map(formatError).join('; ');
      this.emit(w, 'rules-refused', { text: `${why}; keeping the ${kept}` });
      return parsed.errors;
    }
    w.states = carryOver(w.rules, w.states, parsed.rules);
    w.probes = carryProbes(w.rules, w.probes, parsed.rules);
    w.rules = parsed.rules;
    w.every = parsed.every;
    w.monitored = true;
    this.emit(w, 'rules-loaded', { text: `${parsed.rules.length} rules from ${file}` });
    return [];
  }

  /** Take back a saved state (a scanner restart): rules in force now keep what matches. */
  restore(id: string, dir: string, saved: Saved): void {
    const w = this.watch(id, dir);
    if (w.rules.length === 0 && saved.rules.length > 0) {
      w.rules = saved.rules;
      w.every = saved.every;
    }
    w.states = carryOver(saved.rules, saved.states, w.rules);
    w.probes = carryProbes(saved.rules, saved.probes ?? [], w.rules);
    w.cycle = saved.cycle;
  }

  save(id: string): Saved | undefined {
    const w = this.services.get(id);
    if (!w) return undefined;
    const saved: Saved = { version: 1, rules: w.rules, states: w.states, cycle: w.cycle };
    if (w.every) saved.every = w.every;
    if (w.probes.some((p) => p)) saved.probes = w.rules.map((_, i) => w.probes[i] ?? null);
    return saved;
  }

  /** Each rule's last probe (port and program checks), index for index with rulesOf. */
  probesOf(id: string): readonly (LastProbe | null)[] {
    const w = this.services.get(id);
    return w ? w.rules.map((_, i) => w.probes[i] ?? null) : [];
  }

  /** The rules in force for a service. */
  rulesOf(id: string): readonly Rule[] {
    return this.services.get(id)?.rules ?? [];
  }

  forget(id: string): void {
    this.services.delete(id);
  }

  /** Monitoring again after `unmonitor` (monit's `monit monitor`). */
  monitor(id: string): void {
    const w = this.services.get(id);
    if (w) w.monitored = true;
  }

  isMonitored(id: string): boolean {
    return this.services.get(id)?.monitored ?? false;
  }

  /** `readiness`: the service will say when it is ready (the grace waits for that). */
  started(
    id: string,
    dir: string,
    pid?: number,
    at = this.options.clock(),
    readiness = false,
  ): void {
    const w = this.watch(id, dir);
    if (w.seenStart) w.restarts += 1;
    w.seenStart = true;
    w.startedAt = at;
    w.pid = pid;
    w.ready = false;
    w.readiness = readiness;
    this.emit(w, 'start', { text: `started${pid === undefined ? '' : `, pid ${pid}`}`, pid });
  }

  ready(id: string): void {
    const w = this.services.get(id);
    if (w) w.ready = true;
  }

  exited(id: string, how: { code?: number; signal?: string }): void {
    const w = this.services.get(id);
    if (!w) return;
    // daemontools and runit keep no exit status: then only "exited".
    const text = how.signal
      ? `killed by ${how.signal}`
      : how.code === undefined
        ? 'exited'
        : `exited ${how.code}`;
    this.emit(w, 'exit', { text, code: how.code, signal: how.signal, pid: w.pid });
    w.startedAt = null;
  }

  stopped(id: string): void {
    const w = this.services.get(id);
    if (!w) return;
    w.startedAt = null;
    this.emit(w, 'stop', { text: 'stopped' });
  }

  /**
   * One cycle. Returns at once having judged the rules that need no probe and started the
   * probes; the promise settles when this cycle's probes have all been judged (tests await it,
   * the scheduler does not).
   */
  tick(): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const w of this.services.values()) {
      if (!w.monitored || !due(w.every, w.cycle++)) continue;
      w.rules.forEach((rule, i) => {
        if (rule.kind === 'port' || rule.kind === 'program') {
          const probe = this.probe(w, rule);
          if (probe) pending.push(probe);
        } else {
          this.judge(w, i, this.observe(w, rule));
        }
      });
      w.restarts = 0;
    }
    return Promise.all(pending).then(() => undefined);
  }

  private probe(w: Watched, rule: PortRule | ProgramRule): Promise<void> | undefined {
    if (w.startedAt === null || w.running.has(rule)) return undefined;
    w.running.add(rule);
    const startedAt = w.startedAt;
    const run =
      rule.kind === 'port'
        ? this.options.probes.port(rule)
        : this.options.probes.program(rule, w.dir);
    return run
      .catch((error: unknown): ProbeResult => ({
        ok: false,
        ms: 0,
        kind: 'error',
        text: String(error),
      }))
      .then((result) => {
        w.running.delete(rule);
        const i = w.rules.indexOf(rule);
        // Reloaded away, or the service started again meanwhile: the result is about the past.
        if (i < 0 || w.startedAt !== startedAt || !w.monitored) return;
        w.probes[i] = lastProbe(result, this.options.clock());
        this.judge(w, i, { kind: 'probe', ok: result.ok }, result);
      });
  }

  private observe(w: Watched, rule: Rule): Observation {
    if (rule.kind === 'restarts') return { kind: 'restarts', count: w.restarts };
    if (w.startedAt === null) return { kind: 'none' };
    if (rule.kind === 'uptime') {
      return { kind: 'value', value: (this.options.clock() - w.startedAt) / 1000 };
    }
    if (rule.kind !== 'resource') return { kind: 'none' };
    const figures = this.options.figures(w.id);
    let value = figures?.[rule.resource];
    if (value !== undefined && rule.unit === 'percent' && rule.resource.endsWith('memory')) {
      const total = this.options.memTotalBytes;
      value = total ? (100 * value) / total : undefined;
    }
    return value === undefined ? { kind: 'none' } : { kind: 'value', value };
  }

  private judge(w: Watched, i: number, observation: Observation, probe?: ProbeResult): void {
    const rule = w.rules[i];
    const state = w.states[i] ?? initialState();
    if (!rule) return;
    const cycle: Cycle = {
      now: this.options.clock(),
      startedAt: w.startedAt,
      ready: w.ready,
      graceMs: w.readiness
        ? Math.max(this.options.readyLimitMs ?? READY_LIMIT_MS, this.options.graceMs)
        : this.options.graceMs,
      reminderCycles: this.options.reminderCycles,
    };
    const result = step(rule, state, observation, cycle);
    w.states[i] = result.state;
    const value = observation.kind === 'value' ? observation.value : undefined;
    const what = describe(rule, result.event, probe, value);
    if (result.event) {
      const kind = result.event === 'failed' ? 'check-failed' : 'check-recovered';
      this.emit(w, kind, {
        rule: rule.at,
        text: what,
        monit: monitEvent(rule, result.event === 'failed'),
        probe: probe && pick(probe),
        value,
      });
    }
    for (const action of result.actions) {
      const failed = result.event ? result.event === 'failed' : w.states[i]?.phase === 'failed';
      const event = this.emit(w, action.kind === 'alert' ? 'alert' : 'action', {
        rule: rule.at,
        // An alert's text is what happened (MONIT_DESCRIPTION); an action's says what it does.
        text: action.kind === 'alert' ? what : `${actionWords(action)}: ${what}`,
        action: action.kind,
        monit: monitEvent(rule, failed),
        probe: probe && pick(probe),
        value,
      });
      if (action.kind === 'unmonitor') w.monitored = false;
      this.options.onIntent({ service: w.id, dir: w.dir, action, event });
    }
  }

  private emit(w: Watched, kind: EventKind, fields: Partial<HealthEvent>): HealthEvent {
    const event: HealthEvent = {
      time: new Date(this.options.clock()).toISOString(),
      service: w.id,
      kind,
      text: '',
    };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) (event as unknown as Record<string, unknown>)[key] = value;
    }
    this.options.onEvent(event);
    return event;
  }

  private watch(id: string, dir: string): Watched {
    let w = this.services.get(id);
    if (!w) {
      w = {
        id,
        dir,
        rules: [],
        every: undefined,
        states: [],
        probes: [],
        cycle: 0,
        startedAt: null,
        pid: undefined,
        ready: false,
        readiness: false,
        restarts: 0,
        seenStart: false,
        monitored: true,
        running: new Set(),
      };
      this.services.set(id, w);
    }
    w.dir = dir;
    return w;
  }
}

function lastProbe(result: ProbeResult, now: number): LastProbe {
  const last: LastProbe = {
    ok: result.ok,
    ms: result.ms,
    at: new Date(now).toISOString(),
    kind: result.kind,
  };
  if (result.code !== undefined) last.code = result.code;
  return last;
}

/** Last probes follow their rules through a reload, as carryOver does for rule states. */
function carryProbes(
  previous: readonly Rule[],
  probes: readonly (LastProbe | null)[],
  next: readonly Rule[],
): (LastProbe | null)[] {
  const pool = new Map<string, (LastProbe | null)[]>();
  previous.forEach((rule, i) => {
    const key = ruleKey(rule);
    pool.set(key, [...(pool.get(key) ?? []), probes[i] ?? null]);
  });
  return next.map((rule) => pool.get(ruleKey(rule))?.shift() ?? null);
}

function actionWords(action: Action): string {
  return action.kind === 'exec' ? `exec "${action.command.text}"` : action.kind;
}

function pick(probe: ProbeResult): HealthEvent['probe'] {
  return probe.code === undefined
    ? { kind: probe.kind, ms: probe.ms }
    : { kind: probe.kind, ms: probe.ms, code: probe.code };
}

function describe(
  rule: Rule,
  event: 'failed' | 'recovered' | undefined,
  probe: ProbeResult | undefined,
  value: number | undefined,
): string {
  const name = describeRule(rule);
  const state = event === 'recovered' ? 'succeeded' : 'failed';
  if (probe) return `${name} ${state}: ${probe.text}`;
  if (rule.kind === 'restarts')
    return `service restarted ${rule.count} times within ${rule.cycles} cycles`;
  if (value !== undefined)
    return `${name} ${event === 'recovered' ? 'no longer holds' : 'holds'}: ${round(value)}`;
  return `${name} ${state}`;
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
