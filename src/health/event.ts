// The events of a service, one JSON object per line in supervise/svtui-events: a pure codec.
// The schema is stable — keys are written in one fixed order, optional keys only when present,
// and a reader ignores keys it does not know — so `svtui events`, the console and people's
// scripts can rely on it (monit's users broke on its changing summary output).
//
//   {"time":"2026-11-30T13:00:59.123Z","service":"web","kind":"check-failed",
//    "rule":{"line":3,"column":1},"text":"http://localhost:8080/: status 503, expected …",
//    "monit":"Connection failed","probe":{"kind":"status","ms":12,"code":503}}
import type { Position } from '../monitor/index.js';
import type { ProbeResult } from './probe-result.js';

export const EVENT_KINDS = [
  'check-failed',
  'check-recovered',
  'action',
  'alert',
  'alert-suppressed',
  'exit',
  'start',
  'stop',
  'ready',
  'rules-loaded',
  'rules-refused',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface HealthEvent {
  /** ISO 8601, UTC, ms. */
  time: string;
  service: string;
  kind: EventKind;
  /** Where the rule that caused it is written in `monitor`. */
  rule?: Position;
  /** One line for people. */
  text: string;
  /** The action an `action` or `alert` event carries out: alert, restart, stop, start, … */
  action?: string;
  /** monit's name of the event (MONIT_EVENT): "Connection failed", "Resource limit matched", … */
  monit?: string;
  /** The probe's outcome, for port and program checks. */
  probe?: Pick<ProbeResult, 'kind' | 'ms' | 'code'>;
  /** A resource rule's figure (in its unit) or the uptime in seconds. */
  value?: number;
  /** exit: the exit code, or the signal's name. */
  code?: number;
  signal?: string;
  pid?: number;
  /** alert-suppressed: alerts held back by the rate limit since the hook last ran, this one included. */
  held?: number;
}

const ORDER: (keyof HealthEvent)[] = [
  'time',
  'service',
  'kind',
  'rule',
  'text',
  'action',
  'monit',
  'probe',
  'value',
  'code',
  'signal',
  'pid',
  'held',
];

/** One line, newline included. */
export function encodeEvent(event: HealthEvent): string {
  const out: Record<string, unknown> = {};
  for (const key of ORDER) if (event[key] !== undefined) out[key] = event[key];
  return `${JSON.stringify(out)}\n`;
}

export type Decoded = { event: HealthEvent } | { error: string };

/** A line read back; a torn or foreign line is a result, not an exception. */
export function decodeEvent(line: string): Decoded {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { error: 'not an object' };
  const v = value as Record<string, unknown>;
  if (typeof v.time !== 'string' || typeof v.service !== 'string' || typeof v.text !== 'string') {
    return { error: 'time, service or text missing' };
  }
  if (!EVENT_KINDS.includes(v.kind as EventKind))
    return { error: `unknown kind ${String(v.kind)}` };
  const event: Record<string, unknown> = {};
  for (const key of ORDER) if (v[key] !== undefined) event[key] = v[key];
  return { event: event as unknown as HealthEvent };
}

/** Every line of a file's text that decodes; the rest skipped (a torn last line, say). */
export function decodeEvents(text: string): HealthEvent[] {
  const events: HealthEvent[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const decoded = decodeEvent(line);
    if ('event' in decoded) events.push(decoded.event);
  }
  return events;
}
