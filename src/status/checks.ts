// Each rule of a service's monitor file as `svtui status` reports it, from the health engine's
// saved state (supervise/svtui-monitor.json: the rules and, index for index, their states and
// each check's last probe). A state saved before the engine kept last probes falls back to the
// events (the probe time of the last failure or recovery recorded for the rule). Pure.
import type { Saved } from '../health/engine.js';
import type { HealthEvent } from '../health/event.js';
import { describeRule } from '../health/describe.js';
import type { CheckReport } from './report.js';

/**
 * `checkedAtMs`: when the state was saved (the file's mtime: the engine saves every cycle).
 * `events`: the service's events, oldest first.
 */
export function checksOf(
  saved: Saved,
  events: readonly HealthEvent[],
  checkedAtMs: number | null,
): CheckReport[] {
  const checkedAt = checkedAtMs === null ? null : new Date(checkedAtMs).toISOString();
  return saved.rules.map((rule, i) => {
    const state = saved.states[i];
    const window = state?.window ?? [];
    const lastBit = window.length > 0 ? window[window.length - 1] : undefined;
    const judged = rule.kind !== 'restarts' && lastBit !== undefined;
    // The check's last probe as the engine saved it; else the last one an event recorded.
    const kept = saved.probes?.[i] ?? undefined;
    const probed = kept
      ? { ms: kept.ms, time: kept.at }
      : lastProbe(events, rule.at.line, rule.at.column);
    const passed = kept ? kept.ok : judged ? lastBit !== 1 : undefined;
    return {
      check: describeRule(rule),
      kind: rule.kind,
      line: rule.at.line,
      column: rule.at.column,
      state: state?.phase === 'failed' ? 'failed' : window.length === 0 ? 'pending' : 'ok',
      last: passed === undefined ? null : passed ? 'ok' : 'failed',
      responseSeconds: probed ? probed.ms / 1000 : null,
      respondedAt: probed ? probed.time : null,
      checkedAt,
    };
  });
}

function lastProbe(
  events: readonly HealthEvent[],
  line: number,
  column: number,
): { ms: number; time: string } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.probe && e.rule?.line === line && e.rule.column === column)
      return { ms: e.probe.ms, time: e.time };
  }
  return undefined;
}
