// Pure formatting for the table: durations, cell words, fixed-width cells. The clock comes in as
// an argument; nothing here reads it.
import { charWidth } from '../logview/char-width.js';
import { healthCell, resourceCells } from './figures.js';
import { displayColumns } from './hscroll.js';
import { neverRan, stateWord, wantWord, type ServiceRow, type StateWord } from '../store/model.js';

/** A duration the way operators read it: 45s, 12m03s, 3h02m, 5d03h. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${pad2(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${pad2(m % 60)}m`;
  return `${Math.floor(h / 24)}d${pad2(h % 24)}h`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Cut or pad to exactly `width` terminal columns (names are made printable before). Wide
 * characters (CJK, emoji) count two columns; one that would straddle the cut becomes a space.
 */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) {
    if (text.length > width) return width === 1 ? text.slice(0, 1) : `${text.slice(0, width - 1)}…`;
    return align === 'left' ? text.padEnd(width) : text.padStart(width);
  }
  const columns = displayColumns(text);
  if (columns <= width) {
    const pad = ' '.repeat(width - columns);
    return align === 'left' ? text + pad : pad + text;
  }
  let out = '';
  let used = 0;
  const room = width === 1 ? 1 : width - 1;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > room) break;
    out += ch;
    used += w;
  }
  return width === 1 ? out.padEnd(1) : `${out}${' '.repeat(room - used)}…`;
}

export type Freshness = 'new' | 'recent' | 'settled';

/** vsv's rule: a state younger than 5 s is new (red), younger than 30 s recent (yellow). */
export function freshness(row: ServiceRow, nowMs: number): Freshness {
  const since = row.observation?.sinceMs ?? row.changedMs;
  if (since === undefined) return 'settled';
  const age = nowMs - since;
  if (age < 5000) return 'new';
  if (age < 30000) return 'recent';
  return 'settled';
}

/** What the row's STATE cell says: the state, or a trouble that outranks it. */
export type StateCell = StateWord | Trouble;

/**
 * `crash loop`: three restarts or more within a minute while wanted up; `ignores TERM`: wanted down
 * and still running five seconds after (a shell that did not exec, a daemon that traps TERM).
 */
export type Trouble = 'crash loop' | 'ignores TERM';

const CRASH_WINDOW_MS = 60_000;
const CRASH_RESTARTS = 3;
const STOP_GRACE_MS = 5000;

export function trouble(row: ServiceRow, nowMs: number): Trouble | undefined {
  if (row.stoppingSinceMs !== undefined && nowMs - row.stoppingSinceMs >= STOP_GRACE_MS)
    return 'ignores TERM';
  const want = row.observation?.status?.want;
  const recent = (row.restartTimesMs ?? []).filter((t) => nowMs - t < CRASH_WINDOW_MS);
  if (want !== 'down' && recent.length >= CRASH_RESTARTS) return 'crash loop';
  return undefined;
}

/** The RST cell: the supervisor's own count, or `+N` restarts seen by this console (a lower bound). */
function restartsCell(row: ServiceRow): string {
  if (row.restartsFrom === 'record') return String(row.restarts);
  return row.restarts > 0 ? `+${row.restarts}` : '';
}

export interface Cells {
  name: string;
  state: StateCell;
  health: string;
  pid: string;
  time: string;
  cpu: string;
  mem: string;
  normally: string;
  want: string;
  restarts: string;
  lastExit: string;
  log: string;
}

export function rowCells(row: ServiceRow, nowMs: number): Cells {
  const o = row.observation;
  const s = o?.status;
  const state = stateWord(row);
  const since = o?.sinceMs;
  const known =
    state !== 'unknown' && state !== 'unsupervised' && state !== 'error' && state !== 'no access';
  // No access and unsupervised: the state says it all (the reason is on the status line when
  // the row is selected); an errno text would only crowd LAST EXIT. A supervisor's own trouble
  // reading its status stays there.
  const problem = state === 'error' ? o?.problem?.text : undefined;
  const running = known && s !== undefined && s.pid !== 0;
  return {
    name: row.removed ? `${printable(row.name)} (removed)` : printable(row.name),
    state: (known && trouble(row, nowMs)) || state,
    health: healthCell(row.health),
    pid: s && s.pid !== 0 && known ? String(s.pid) : '',
    time: known && since !== undefined ? formatDuration(nowMs - since) : '',
    // Figures of an earlier process (not looked at since a restart) are no figures.
    ...resourceCells(
      running && row.resources?.pid === s.pid ? row.resources : undefined,
      running && !row.measured,
    ),
    normally: o ? (o.normallyUp ? 'up' : 'down') : '',
    want: known ? wantWord(row) : '',
    restarts: o ? restartsCell(row) : '',
    lastExit:
      problem ??
      o?.history?.problem ??
      row.lastExit ??
      (state === 'unsupervised' && neverRan(o) ? 'never ran' : ''),
    log: logWord(row),
  };
}

/**
 * What the status line says about a selected row by itself: why its state is what it is, in
 * full ("alpha: unsupervised: unable to open supervise/status: file does not exist").
 */
export function rowReason(row: ServiceRow | undefined): string {
  const problem = row?.observation?.problem;
  if (!row || !problem) return '';
  const state = stateWord(row);
  if (state === 'no access') return '';
  return `${printable(row.name)}: ${state}: ${problem.text}`;
}

function logWord(row: ServiceRow): string {
  const log = row.log;
  if (!log) return '-';
  if (log.noAccess && !log.supervised && !log.up) return 'denied';
  if (!log.supervised) return 'unsup';
  return log.up ? 'up' : 'down';
}

/** Service names come from directory entries: never let one carry a control byte. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) out += isControl(ch) ? '?' : ch;
  return out;
}

/** C0, DEL and C1 code points. */
export function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/**
 * Milliseconds until what the table shows for `row` changes by itself: its TIME text (every
 * second below an hour, every minute below a day, then every hour) or its freshness colour
 * (at 5 s and 30 s). Infinity when it shows no time. The console re-renders only then.
 */
export function msUntilChange(row: ServiceRow, nowMs: number): number {
  const since = row.observation?.sinceMs;
  if (since === undefined) return Infinity;
  const age = Math.max(0, nowMs - since);
  const step = age < 3_600_000 ? 1000 : age < 86_400_000 ? 60_000 : 3_600_000;
  let next = step - (age % step);
  if (age < 5000) next = Math.min(next, 5000 - age);
  else if (age < 30000) next = Math.min(next, 30000 - age);
  // A service that will have ignored TERM for 5 s, or whose crash loop ends.
  if (row.stoppingSinceMs !== undefined) {
    const left = STOP_GRACE_MS - (nowMs - row.stoppingSinceMs);
    if (left > 0) next = Math.min(next, left);
  }
  for (const t of row.restartTimesMs ?? []) {
    const left = CRASH_WINDOW_MS - (nowMs - t);
    if (left > 0) next = Math.min(next, left);
  }
  return next;
}

/**
 * The header's summary: how many are up, down as wanted, in trouble (a state in trouble, or a
 * failed health rule), and unmonitored (a rule's action stopped their checks).
 */
export interface Counts {
  up: number;
  down: number;
  failing: number;
  unmonitored: number;
  /** Listed, but their status is not read yet (the first frames of a big tree). */
  reading: number;
}

export function countStates(rows: readonly ServiceRow[], nowMs: number): Counts {
  // Drawn every frame (a followed log at 15 frames a second) over every service: counted once
  // per snapshot of the rows, until the clock reaches the next moment a trouble starts or ends.
  const known = counted.get(rows);
  if (known && nowMs >= known.fromMs && nowMs < known.untilMs) return known.counts;
  const counts = countNow(rows, nowMs);
  counted.set(rows, { fromMs: nowMs, untilMs: nextTrouble(rows, nowMs), counts });
  return counts;
}

const counted = new WeakMap<
  readonly ServiceRow[],
  { fromMs: number; untilMs: number; counts: Counts }
>();

/** The next instant at which some row's trouble starts or ends by itself. */
function nextTrouble(rows: readonly ServiceRow[], nowMs: number): number {
  let next = Infinity;
  for (const row of rows) {
    if (row.stoppingSinceMs !== undefined) {
      const at = row.stoppingSinceMs + STOP_GRACE_MS;
      if (at > nowMs) next = Math.min(next, at);
    }
    for (const t of row.restartTimesMs ?? []) {
      const at = t + CRASH_WINDOW_MS;
      if (at > nowMs) next = Math.min(next, at);
    }
  }
  return next;
}

function countNow(rows: readonly ServiceRow[], nowMs: number): Counts {
  const counts = { up: 0, down: 0, failing: 0, unmonitored: 0, reading: 0 };
  for (const row of rows) {
    if (!row.observation) {
      counts.reading++;
      continue;
    }
    const state = stateWord(row);
    const wantUp = row.observation?.status?.want !== 'down';
    if (row.health?.code === 'unmonitored') counts.unmonitored++;
    if (
      state === 'error' ||
      trouble(row, nowMs) ||
      (state === 'down' && wantUp) ||
      row.health?.code === 'failing'
    )
      counts.failing++;
    else if (state === 'up' || state === 'not ready' || state === 'paused' || state === 'finish')
      counts.up++;
    else if (state === 'down') counts.down++;
  }
  return counts;
}
