// Pure: the service view's facts from what was read of a service's files (detail.ts reads them):
// the resource history's fine ring as chart points, the events as the timeline lists them, and
// the monitor rules with each one's action, rate and last result. The clock comes in.
import type { ResourceRecord } from '../../codec/resource-history.js';
import type { Saved } from '../../health/engine.js';
import type { HealthEvent } from '../../health/event.js';
import { describeRule } from '../../health/describe.js';
import { formatError, type Action, type MonitorFile, type Rule } from '../../monitor/index.js';
import { checksOf } from '../../status/checks.js';
import type { HistoryPoint, RuleFacts, RulesFacts, ServiceEventFacts } from '../port.js';
import { checkFacts } from './health-facts.js';

/** The newest hour of records (the fine ring holds one at 2 s), as chart points. */
export function historyPoints(
  records: readonly ResourceRecord[],
  spanSeconds = 3600,
): HistoryPoint[] {
  const newest = records.at(-1);
  if (!newest) return [];
  const from = newest.time - spanSeconds;
  const out: HistoryPoint[] = [];
  for (const r of records) {
    if (r.time <= from) continue;
    // Assigned field by field (no spread per record): the view opens with 1800 of them.
    const point: HistoryPoint = { atMs: r.time * 1000 };
    if (r.pid === 0) point.down = true;
    else {
      if (r.cpuPermille !== undefined) point.cpuPercent = r.cpuPermille / 10;
      if (r.rssKB !== undefined) point.rssKB = r.rssKB;
    }
    if (r.logLinesPerSecond !== undefined) point.logLinesPerSecond = r.logLinesPerSecond;
    out.push(point);
  }
  return out;
}

/** The newest `limit` events, oldest first, as the timeline shows them. */
export function eventFacts(events: readonly HealthEvent[], limit = 300): ServiceEventFacts[] {
  const out: ServiceEventFacts[] = [];
  for (const e of events.slice(-limit)) {
    const atMs = Date.parse(e.time);
    if (Number.isNaN(atMs)) continue;
    out.push({
      atMs,
      kind: e.kind,
      text: e.text,
      ...(e.code !== undefined ? { code: e.code } : {}),
      ...(e.signal !== undefined ? { signal: e.signal } : {}),
      ...(e.pid !== undefined ? { pid: e.pid } : {}),
      ...(e.action !== undefined ? { action: e.action } : {}),
    });
  }
  return out;
}

export interface RulesInput {
  /** The monitor file as parsed; undefined: there is none. */
  parsed: MonitorFile | undefined;
  /** The health engine's saved state (its rules are the ones in force). */
  saved: Saved | undefined;
  /** When the state was saved (ms), and how old it may be while an engine runs it. */
  savedAtMs: number | undefined;
  staleAfterMs: number;
  events: readonly HealthEvent[];
  cycleSeconds: number;
  nowMs: number;
}

export function rulesFacts(input: RulesInput): RulesFacts {
  const { parsed, saved, cycleSeconds } = input;
  if (!parsed) return { code: 'none', rules: [], cycleSeconds, running: false };
  const running =
    saved !== undefined &&
    input.savedAtMs !== undefined &&
    input.nowMs - input.savedAtMs <= input.staleAfterMs;
  const firstError = parsed.errors[0];
  const error = firstError ? { error: formatError(firstError) } : {};
  const code = firstError ? 'broken' : 'rules';
  // In force: what the engine runs (a broken file keeps the last good rules); with no engine,
  // what the file says.
  if (saved) {
    const checks = checksOf(saved, input.events, input.savedAtMs ?? null);
    const rules = saved.rules.map((rule, i) => ruleFacts(rule, checkFacts(checks[i]!)));
    return { code, rules, ...error, cycleSeconds, running };
  }
  const rules = firstError
    ? []
    : parsed.rules.map((rule) =>
        ruleFacts(rule, {
          check: describeRule(rule),
          kind: rule.kind,
          line: rule.at.line,
          column: rule.at.column,
          state: 'pending',
        }),
      );
  return { code, rules, ...error, cycleSeconds, running: false };
}

function ruleFacts(rule: Rule, check: RuleFacts | Omit<RuleFacts, 'then'>): RuleFacts {
  const rate = rule.kind === 'restarts' ? undefined : rateWords(rule.rate.times, rule.rate.within);
  // A size as it was written (`memory > 200 MB`), not in bytes.
  const size =
    rule.kind === 'resource' && rule.unit === 'bytes'
      ? { check: `${rule.resource} ${rule.op} ${sizeWords(rule.limit)}` }
      : {};
  const resource = rule.kind === 'resource' ? { resource: rule.resource } : {};
  return {
    ...check,
    ...size,
    ...resource,
    then: actionWords(rule.then),
    ...(rate ? { rate } : {}),
  };
}

/** Bytes in monit's units (KB = 1024 B), the largest that keeps a whole number. */
export function sizeWords(bytes: number): string {
  for (const [unit, size] of [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ] as const)
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  return `${bytes} B`;
}

/** monit's words for a rate: none for 1 of 1. */
export function rateWords(times: number, within: number): string | undefined {
  if (times === 1 && within === 1) return undefined;
  if (times === within) return `for ${times} cycles`;
  return `${times} times within ${within} cycles`;
}

export function actionWords(action: Action): string {
  if (action.kind !== 'exec') return action.kind;
  const repeat = action.repeatEvery ? ` repeat every ${action.repeatEvery} cycles` : '';
  return `exec "${action.command.text}"${repeat}`;
}
