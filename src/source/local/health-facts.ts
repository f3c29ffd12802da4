// Pure: a service's health facts from what was read of its health files (see health.ts). The
// order of the verdicts: no rules; rules nobody runs (no saved state, or one older than three
// cycles); unmonitored by a rule's action (until the rules are loaded again); a failed rule;
// no verdict since the start (the grace after a start); else ok.
import type { Saved } from '../../health/engine.js';
import type { HealthEvent } from '../../health/event.js';
import type { CheckReport } from '../../status/report.js';
import type { AlertFacts, CheckFacts, HealthFacts } from '../port.js';

/** What the events told so far. */
export interface EventFindings {
  lastAlert?: AlertFacts;
  unmonitoredAtMs?: number;
  loadedAtMs?: number;
  /** The newest event carrying a probe result, per rule (`line:column`). */
  probes: Map<string, HealthEvent>;
}

export interface HealthInput {
  hasRules: boolean;
  saved?: Saved;
  checks?: readonly CheckReport[];
  /** How old the saved state is, ms (undefined: none saved). */
  stateAgeMs?: number;
  staleAfterMs?: number;
  findings: EventFindings;
  now: number;
}

export function healthOf(input: HealthInput): HealthFacts {
  const { findings } = input;
  const alert = findings.lastAlert ? { lastAlert: findings.lastAlert } : {};
  const checks = (input.checks ?? []).map(checkFacts);
  const rules = input.saved?.rules.length ?? 0;
  const failing = checks.filter((c) => c.state === 'failed').length;
  const base = { rules, failing, checks, ...alert };
  if (!input.hasRules) return { code: 'no-rules', text: 'no rules', ...base };
  if (
    !input.saved ||
    input.stateAgeMs === undefined ||
    input.stateAgeMs > (input.staleAfterMs ?? Infinity)
  )
    return { code: 'not-run', text: 'not run', ...base };
  const unmonitored =
    findings.unmonitoredAtMs !== undefined &&
    (findings.loadedAtMs === undefined || findings.unmonitoredAtMs >= findings.loadedAtMs);
  if (unmonitored) return { code: 'unmonitored', text: 'unmonitored', ...base };
  if (failing > 0) return { code: 'failing', text: `failing ${failing}/${rules}`, ...base };
  const judged = checks.filter((c) => c.kind !== 'restarts');
  if (judged.length > 0 && judged.every((c) => c.last === undefined))
    return { code: 'not-ready', text: 'not ready', ...base };
  return { code: 'ok', text: 'ok', ...base };
}

export function checkFacts(c: CheckReport): CheckFacts {
  return {
    check: c.check,
    kind: c.kind,
    line: c.line,
    column: c.column,
    state: c.state,
    ...(c.last ? { last: c.last } : {}),
    ...(c.responseSeconds !== null ? { responseMs: Math.round(c.responseSeconds * 1000) } : {}),
  };
}
