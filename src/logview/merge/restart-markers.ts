// Restarts as marker lines (pure): the supervisor's events (supervise/svtui-events, schema in
// health/event.ts) turned into lines placed by time among the log's own — "crashy exited 1,
// restarted" where an exit is followed by a start within RESTART_WINDOW_MS, else "exited 1" or
// "stopped". Each marker line carries a TAI64N label, so the pane decodes its time like any
// other line.
import { formatLabel, timeFromMillis } from '../../codec/tai64n.js';
import type { HealthEvent } from '../../health/event.js';

export interface Marker {
  /** Microseconds (labels' scale). */
  at: number;
  text: string;
}

const RESTART_WINDOW_MS = 60_000;

export function restartMarkers(events: readonly HealthEvent[], name: string): Marker[] {
  const markers: Marker[] = [];
  const sorted = events
    .map((event) => ({ event, ms: Date.parse(event.time) }))
    .filter((e) => Number.isFinite(e.ms))
    .sort((a, b) => a.ms - b.ms);
  for (const [i, { event, ms }] of sorted.entries()) {
    if (event.kind !== 'exit' && event.kind !== 'stop') continue;
    const how = event.kind === 'stop' ? 'stopped' : exitWords(event);
    const next = sorted.slice(i + 1).find((e) => e.event.kind !== 'exit' || e.ms > ms);
    const restarted =
      next !== undefined && next.event.kind === 'start' && next.ms - ms <= RESTART_WINDOW_MS;
    const text = `${name} ${how}${restarted ? ', restarted' : ''}`;
    markers.push({ at: ms * 1000, text: `${formatLabel(timeFromMillis(ms))} ── ${text} ──` });
  }
  return markers;
}

function exitWords(event: HealthEvent): string {
  if (event.signal) return `killed by ${event.signal}`;
  if (event.code !== undefined) return `exited ${event.code}`;
  return event.text;
}

/**
 * A single log's window with the markers that fall among its lines put in place by time (a
 * marker goes before the first line stamped after it), still `rows` long: lines give way at the
 * top while following (the end stays in view), else at the bottom. Markers after the last line
 * show only while following. `at` gives a line's instant (undefined: no stamp).
 */
export function interleaveMarkers(
  lines: readonly string[],
  markers: readonly Marker[],
  at: (line: string) => number | undefined,
  following: boolean,
  rows: number,
): { lines: string[]; markerRows: number[]; rowOf: number[] } {
  const times = lines.map(at);
  const first = times.find((t) => t !== undefined);
  if (first === undefined || markers.length === 0) {
    return { lines: [...lines], markerRows: [], rowOf: lines.map((_, i) => i) };
  }
  const out: { text: string; marker: boolean; line?: number }[] = [];
  let m = markers.findIndex((x) => x.at >= first);
  if (m < 0) m = markers.length;
  for (const [i, line] of lines.entries()) {
    const t = times[i];
    while (t !== undefined && m < markers.length && markers[m]!.at < t) {
      out.push({ text: markers[m]!.text, marker: true });
      m++;
    }
    out.push({ text: line, marker: false, line: i });
  }
  if (following) for (; m < markers.length; m++) out.push({ text: markers[m]!.text, marker: true });
  const kept = out.length <= rows ? out : following ? out.slice(-rows) : out.slice(0, rows);
  const rowOf = lines.map(() => -1);
  kept.forEach((x, row) => {
    if (x.line !== undefined) rowOf[x.line] = row;
  });
  return {
    lines: kept.map((x) => x.text),
    markerRows: kept.flatMap((x, i) => (x.marker ? [i] : [])),
    rowOf,
  };
}
