// The environment an alert hook (DIR/.svtui/alert) or an `exec` action runs with: svtui's own
// names, and monit's for hooks people already have. monit sets MONIT_SERVICE, MONIT_EVENT,
// MONIT_DESCRIPTION, MONIT_HOST, MONIT_DATE and, for a process, MONIT_PROCESS_PID,
// MONIT_PROCESS_MEMORY (kB), MONIT_PROCESS_CHILDREN and MONIT_PROCESS_CPU_PERCENT (%.1f) —
// the names and formats read off monit 5.33's binary. Pure: the host and figures are passed in.
import type { HealthEvent } from './event.js';
import type { Figures } from './engine.js';

export interface AlertContext {
  host: string;
  pid?: number;
  figures?: Figures;
}

export function alertEnvironment(
  event: HealthEvent,
  context: AlertContext,
): Record<string, string> {
  const env: Record<string, string> = {
    SVTUI_SERVICE: event.service,
    SVTUI_EVENT: event.kind,
    SVTUI_DESCRIPTION: event.text,
    SVTUI_TIME: event.time,
    SVTUI_HOST: context.host,
    SVTUI_EVENT_JSON: JSON.stringify(event),
    MONIT_SERVICE: event.service,
    MONIT_EVENT: event.monit ?? event.kind,
    MONIT_DESCRIPTION: event.text,
    MONIT_HOST: context.host,
    MONIT_DATE: monitDate(new Date(event.time)),
  };
  if (event.action) env.SVTUI_ACTION = event.action;
  if (event.rule) env.SVTUI_RULE = `${event.rule.line}:${event.rule.column}`;
  if (context.pid !== undefined) {
    env.SVTUI_PID = String(context.pid);
    env.MONIT_PROCESS_PID = String(context.pid);
  }
  const f = context.figures;
  if (f?.memory !== undefined) env.MONIT_PROCESS_MEMORY = String(Math.round(f.memory / 1024));
  if (f?.children !== undefined) env.MONIT_PROCESS_CHILDREN = String(f.children);
  if (f?.cpu !== undefined) env.MONIT_PROCESS_CPU_PERCENT = f.cpu.toFixed(1);
  return env;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** monit's date, RFC 822 style: `Mon, 30 Nov 2026 13:00:59 +0000` (given here in UTC). */
export function monitDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = DAYS[date.getUTCDay()] ?? '';
  const month = MONTHS[date.getUTCMonth()] ?? '';
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${day}, ${two(date.getUTCDate())} ${month} ${date.getUTCFullYear()} ${time} +0000`;
}
