// How one rule is evaluated, cycle by cycle: a pure step from (rule, its state, this cycle's
// observation, the service's start and readiness, the time) to the next state and the actions to
// take. monit's semantics (spec: a sliding window of results, an action on a change of state,
// recovery alerting by default) with what its users asked for: no failure counted in a grace
// period after a start (until ready, or a delay); the window emptied when the service starts
// again, and the failure action re-armed, so a restart that did not help is followed by another
// (bounded by `N restarts within M cycles`) and one that did is reported as a recovery.
import type { Action, Operator, Rate, Rule, TestedRule } from './types.js';

export interface RuleState {
  phase: 'ok' | 'failed';
  /** A start since the failure action ran: the next verdict either repeats it or recovers. */
  rearmed: boolean;
  /** Newest last, at most MAX_WINDOW: 1 failed, 0 succeeded (restart limit: restarts a cycle). */
  window: number[];
  /** Cycles evaluated since the current phase's action ran; null when it never ran. */
  sinceAction: number | null;
  /** The start (ms) the window belongs to; null before one was seen. */
  startedAt: number | null;
}

export type Observation =
  /** A port or program probe finished this cycle. */
  | { kind: 'probe'; ok: boolean }
  /** A resource in the rule's unit (percent, bytes, count), or the uptime in seconds. */
  | { kind: 'value'; value: number }
  /** Restarts of the service seen during this cycle. */
  | { kind: 'restarts'; count: number }
  /** Nothing to judge: the service is down, the probe still runs, no CPU sample yet. */
  | { kind: 'none' };

export interface Cycle {
  /** The engine's clock, ms. */
  now: number;
  /** When the service's current process started (ms, same clock); null while it is down. */
  startedAt: number | null;
  /** The service said it is ready (s6's notification-fd, runit's ./check). */
  ready: boolean;
  /** After a start, failures are not counted until ready or this many ms have passed. */
  graceMs: number;
  /**
   * `set alert … with reminder on N cycles` (.svtui/monitrc): a failure's `alert` is sent again
   * every N cycles while it lasts, as monit's reminder; absent: once.
   */
  reminderCycles?: number;
}

export interface Step {
  state: RuleState;
  actions: Action[];
  /** A change of state this cycle. */
  event?: 'failed' | 'recovered';
}

const MAX_WINDOW = 64;

export function initialState(): RuleState {
  return { phase: 'ok', rearmed: false, window: [], sinceAction: null, startedAt: null };
}

export function compare(value: number, op: Operator, limit: number): boolean {
  switch (op) {
    case '>':
      return value > limit;
    case '<':
      return value < limit;
    case '>=':
      return value >= limit;
    case '<=':
      return value <= limit;
    case '=':
      return value === limit;
    case '!=':
      return value !== limit;
  }
}

/** Whether this observation is a failure of the rule; undefined when it says nothing. */
export function verdict(rule: TestedRule, observation: Observation): boolean | undefined {
  if (observation.kind === 'probe') {
    return rule.kind === 'port' || rule.kind === 'program' ? !observation.ok : undefined;
  }
  if (observation.kind !== 'value') return undefined;
  if (rule.kind === 'resource') return compare(observation.value, rule.op, rule.limit);
  if (rule.kind === 'uptime') return compare(observation.value, rule.op, rule.seconds);
  return undefined;
}

export function inGrace(cycle: Cycle): boolean {
  return cycle.startedAt !== null && !cycle.ready && cycle.now - cycle.startedAt < cycle.graceMs;
}

export function step(rule: Rule, state: RuleState, observation: Observation, cycle: Cycle): Step {
  if (rule.kind === 'restarts') return restartsStep(rule, state, observation);
  let next = state;
  if (cycle.startedAt !== null && cycle.startedAt !== state.startedAt) {
    const restarted = state.startedAt !== null;
    next = {
      ...state,
      startedAt: cycle.startedAt,
      ...(restarted ? { window: [], rearmed: state.phase === 'failed', sinceAction: null } : {}),
    };
  }
  const failed = verdict(rule, observation);
  if (failed === undefined || (failed && inGrace(cycle))) return { state: next, actions: [] };
  const window = [...next.window, failed ? 1 : 0].slice(-MAX_WINDOW);
  next = { ...next, window };
  if ((next.phase === 'ok' || next.rearmed) && met(window, 1, rule.rate)) {
    return change(next, 'failed', rule.then);
  }
  if (next.phase === 'failed' && met(window, 0, rule.else.rate)) {
    return change(next, 'ok', rule.else.action);
  }
  return repeat(next, next.phase === 'failed' ? rule.then : rule.else.action, cycle);
}

/** At least `rate.times` of the last `rate.within` results are `result`. */
function met(window: number[], result: number, rate: Rate): boolean {
  return window.slice(-rate.within).filter((r) => r === result).length >= rate.times;
}

function change(state: RuleState, phase: RuleState['phase'], action: Action): Step {
  return {
    state: { ...state, phase, rearmed: false, sinceAction: 0 },
    actions: [action],
    event: phase === 'failed' ? 'failed' : 'recovered',
  };
}

/**
 * `exec … repeat every N cycles`: again while the phase lasts; a failure's `alert` again every
 * `reminderCycles` (monit's reminder) while the failure lasts.
 */
function repeat(state: RuleState, action: Action, cycle: Cycle): Step {
  if (state.sinceAction === null) return { state, actions: [] };
  const since = state.sinceAction + 1;
  const every =
    action.kind === 'exec'
      ? action.repeatEvery
      : action.kind === 'alert' && state.phase === 'failed'
        ? cycle.reminderCycles
        : undefined;
  if (every !== undefined && since >= every) {
    return { state: { ...state, sinceAction: 0 }, actions: [action] };
  }
  return { state: { ...state, sinceAction: since }, actions: [] };
}

/** `N restarts within M cycles`: the restarts of the last M cycles; once fired, counted afresh. */
function restartsStep(
  rule: Extract<Rule, { kind: 'restarts' }>,
  state: RuleState,
  observation: Observation,
): Step {
  const count = observation.kind === 'restarts' ? observation.count : 0;
  const window = [...state.window, count].slice(-rule.cycles);
  if (window.reduce((a, b) => a + b, 0) >= rule.count) {
    return {
      state: { ...state, window: [], phase: 'failed', sinceAction: 0 },
      actions: [rule.then],
      event: 'failed',
    };
  }
  return { state: { ...state, window, phase: 'ok' }, actions: [] };
}

/** `every N cycles`: whether the rules run on this cycle (counted from 0). */
export function due(every: { cycles: number } | undefined, cycle: number): boolean {
  return every === undefined || cycle % every.cycles === 0;
}

/** A rule's identity across reloads: everything but where it is written. */
export function ruleKey(rule: Rule): string {
  const { at: _at, ...rest } = rule;
  return JSON.stringify(rest);
}

/**
 * The states of `next` after a reload: each rule that is also in `previous` (same key) keeps its
 * state, in order for repeated ones; a new rule starts afresh.
 */
export function carryOver(previous: Rule[], states: RuleState[], next: Rule[]): RuleState[] {
  const pool = new Map<string, RuleState[]>();
  previous.forEach((rule, i) => {
    const state = states[i];
    if (!state) return;
    const key = ruleKey(rule);
    pool.set(key, [...(pool.get(key) ?? []), state]);
  });
  return next.map((rule) => pool.get(ruleKey(rule))?.shift() ?? initialState());
}
