// The header's second line: how many services are up, down, failing and unmonitored (and, while
// a big tree's statuses are still read, how many are not in yet), and the
// tree's newest alert with its time in the active zone (`alert 14:03:07 web: status 503`; a date
// before the time when it is not from today). Pure: the clock and the zone come in.
import type { AlertFacts, ServiceRow } from '../store/model.js';
import { localTime } from '../time/local-time.js';
import type { Zone } from '../time/zone.js';
import { countStates, fit, printable } from './format.js';
import type { Palette } from './palette.js';
import { span, type Line, type Span } from './spans.js';

export function summaryLine(
  rows: readonly ServiceRow[],
  nowMs: number,
  zone: Zone,
  width: number,
  palette: Palette,
): Line {
  const c = countStates(rows, nowMs);
  // Narrow terminals get the short words (40 columns: `2 up · 1 down · 0 fail · 0 unmon`).
  // While a big tree's statuses are still being read, the counts say how many are not in yet.
  const reading = c.reading > 0 ? ` · ${c.reading} reading` : '';
  const long = `${c.up} up · ${c.down} down · ${c.failing} failing · ${c.unmonitored} unmonitored${reading}`;
  const short = long.length > width;
  const spans: Span[] = [
    span(`${c.up} up · ${c.down} down · `),
    span(
      `${c.failing} ${short ? 'fail' : 'failing'}`,
      c.failing > 0 ? palette.state('error', true) : undefined,
      c.failing > 0,
    ),
    span(
      ` · ${c.unmonitored} ${short ? 'unmon' : 'unmonitored'}`,
      c.unmonitored > 0 ? palette.warn : undefined,
    ),
  ];
  if (reading) spans.push(span(short ? ` · ${c.reading} …` : reading, palette.dim));
  const alert = newestAlert(rows);
  const used = spans.reduce((n, s) => n + s.text.length, 0);
  const room = width - used;
  if (room > 3) {
    const text = alert
      ? ` · alert ${when(alert.atMs, nowMs, zone)} ${printable(alert.service)}: ${printable(alert.text)}`
      : ' · no alerts';
    spans.push(span(fit(text, room), alert ? palette.warn : palette.dim));
  } else if (room > 0) spans.push(span(' '.repeat(room)));
  return cut(spans, width);
}

/** The spans cut to `width` columns (their text is plain ASCII and already printable). */
function cut(spans: Span[], width: number): Line {
  const out: Span[] = [];
  let left = width;
  for (const s of spans) {
    if (left <= 0) break;
    out.push(s.text.length <= left ? s : { ...s, text: fit(s.text, left) });
    left -= s.text.length;
  }
  return out;
}

/** The newest alert of any service (counted once per snapshot of the rows). */
export function newestAlert(rows: readonly ServiceRow[]): AlertFacts | undefined {
  if (known.has(rows)) return known.get(rows);
  let newest: AlertFacts | undefined;
  for (const row of rows) {
    const a = row.health?.lastAlert;
    if (a && (!newest || a.atMs > newest.atMs)) newest = a;
  }
  known.set(rows, newest);
  return newest;
}

const known = new WeakMap<readonly ServiceRow[], AlertFacts | undefined>();

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `14:03:07` today in `zone`, else `11-22 14:03`. */
export function when(atMs: number, nowMs: number, zone: Zone): string {
  const t = localTime(Math.floor(atMs / 1000), zone);
  const today = localTime(Math.floor(nowMs / 1000), zone);
  if (!t) return new Date(atMs).toISOString();
  const sameDay = today && today.year === t.year && today.month === t.month && today.day === t.day;
  return sameDay
    ? `${two(t.hour)}:${two(t.minute)}:${two(t.second)}`
    : `${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}`;
}
