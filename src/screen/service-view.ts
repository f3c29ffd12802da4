// The service view (`i`) as lines, in place of the table and the log: a line about the service,
// charts of CPU, memory and log lines per second over the last hour beside the last 10 minutes
// (from the supervisor's history, so they show the past even when the console has just started),
// the rules in force with their last results and limits, and the events, newest first, one of
// them selected (Enter opens the log at that moment). Pure: facts, the clock and the zone come in.
import type { Fact, RuleFacts, ServiceDetail, ServiceEventFacts } from '../source/port.js';
import type { ServiceRow } from '../store/model.js';
import type { Zone } from '../time/zone.js';
import { blockRows, niceCeiling, slices, type TimedValue } from './chart.js';
import { formatCpu, formatMemory, PENDING } from './figures.js';
import { fit, printable, rowCells } from './format.js';
import type { Colour, Palette } from './palette.js';
import { inverse, line, span, type Line } from './spans.js';
import { when } from './summary.js';
import { ruleLines } from './rule-lines.js';

export interface ServiceViewInput {
  row: ServiceRow | undefined;
  /** undefined: still being read. */
  detail: ServiceDetail | Fact | undefined;
  /** The selected event: 0 is the newest. */
  event: number;
  width: number;
  height: number;
  nowMs: number;
  zone: Zone;
  palette: Palette;
}

const HOUR_MS = 3_600_000;
const TEN_MINUTES_MS = 600_000;
const LABEL = 6;

/** The events as the view lists them: newest first. */
export function viewEvents(detail: ServiceDetail | Fact | undefined): ServiceEventFacts[] {
  return detail && 'events' in detail ? [...detail.events].reverse() : [];
}

export function serviceViewLines(input: ServiceViewInput): Line[] {
  const { detail, width, height, palette } = input;
  const out: Line[] = [titleLine(input)];
  if (!detail || !('history' in detail)) {
    out.push(line(fit(detail ? detail.text : 'reading…', width), palette.dim));
  } else {
    const rules = ruleLines(detail.rules, width, palette, height >= 30 ? 6 : 2);
    const chartRows = Math.max(1, Math.min(5, Math.floor((height - 2 - rules.length - 4) / 3) - 1));
    out.push(...chartLines(detail, input, chartRows), ...rules);
    out.push(...eventLines(input, Math.max(1, height - out.length)));
  }
  while (out.length < height) out.push([]);
  return out.slice(0, height);
}

function titleLine(input: ServiceViewInput): Line {
  const { row, width, palette, nowMs } = input;
  if (!row) return line(fit('service view: no such service (Esc returns)', width), palette.warn);
  const c = rowCells(row, nowMs);
  const parts = [
    c.pid ? `pid ${c.pid}` : '',
    c.time ? `for ${c.time}` : '',
    `${row.restarts} restart${row.restarts === 1 ? '' : 's'}`,
    c.lastExit ? `last: ${c.lastExit}` : '',
    c.health && c.health !== PENDING ? `health ${c.health}` : '',
  ].filter(Boolean);
  const head = `${c.name} ${c.state}`;
  const back = ' Esc returns';
  const rest = fit(` · ${parts.join(' · ')}`, Math.max(0, width - head.length - back.length));
  return [
    span(head, palette.state(c.state, row.observation?.status?.want !== 'down'), true),
    span(rest),
    span(fit(back, Math.max(0, width - head.length - rest.length)), palette.dim),
  ];
}

interface Metric {
  title: string;
  values: TimedValue[];
  /** The top of the scale for a peak, and a figure's words. */
  top(peak: number): number;
  format(value: number): string;
  /** The top's words on the axis, at most 5 characters. */
  axis(top: number): string;
  /** A rule's limit on this figure, in its words (`> 90%: restart`). */
  limit?: string;
  /** Why the chart is empty, when nothing measured it. */
  empty: string;
}

function metrics(detail: ServiceDetail): Metric[] {
  const h = detail.history;
  const limits = (names: readonly RuleFacts['resource'][]) =>
    detail.rules.rules
      .filter((r) => r.resource !== undefined && names.includes(r.resource))
      .map((r) => `${r.check}: ${r.then}`)
      .join(', ') || undefined;
  const none =
    detail.historyFrom === 'console'
      ? 'nothing measured yet; svtui monitor DIR would keep an hour of history'
      : 'nothing recorded: svtui scan or svtui monitor keeps this history';
  return [
    {
      title: 'CPU %',
      values: h.map((p) => ({ atMs: p.atMs, value: p.cpuPercent })),
      top: (peak) => niceCeiling(peak, 1),
      format: (v) => `${formatCpu(v)}%`,
      axis: (top) => `${top}%`,
      ...optional('limit', limits(['cpu', 'totalcpu'])),
      empty: none,
    },
    {
      title: 'memory',
      values: h.map((p) => ({ atMs: p.atMs, value: p.rssKB })),
      top: (peak) => niceCeiling(peak / 1024, 1) * 1024,
      format: (v) => formatMemory(v),
      axis: (top) => formatMemory(top),
      ...optional('limit', limits(['memory', 'totalmemory'])),
      empty: none,
    },
    {
      title: 'log lines/s',
      values: h.map((p) => ({ atMs: p.atMs, value: p.logLinesPerSecond })),
      top: (peak) => niceCeiling(peak, 1),
      format: (v) => `${Math.round(v)}/s`,
      axis: (top) => `${top}/s`,
      empty:
        detail.historyFrom === 'console'
          ? 'not counted: no svtui supervisor on this tree'
          : h.length === 0
            ? none
            : 'not counted: the logger runs apart from the supervisor (log/run)',
    },
  ];
}

function optional<K extends string>(key: K, value: string | undefined) {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;
}

/** Per metric: a title line, then `rows` of chart; the hour on the left, 10 minutes on the right. */
function chartLines(detail: ServiceDetail, input: ServiceViewInput, rows: number): Line[] {
  const { width, palette } = input;
  const half = Math.floor((width - 2) / 2);
  const plot = Math.max(4, half - LABEL);
  const newest = detail.history.at(-1)?.atMs ?? input.nowMs;
  const end = Math.max(newest, input.nowMs - 4000);
  const out: Line[] = [];
  for (const m of metrics(detail)) {
    const hour = slices(m.values, end - HOUR_MS, end, plot);
    const recent = slices(m.values, end - TEN_MINUTES_MS, end, plot);
    const measured = hour.filter((v): v is number => v !== undefined);
    const peak = Math.max(0, ...measured);
    const now = m.values.at(-1)?.value;
    // Where no supervisor keeps a history, the figures are this console's own, since it started.
    const seen = detail.historyFrom === 'console' ? 'seen here' : 'last hour';
    const left = `${m.title} · ${seen}${measured.length ? ` · peak ${m.format(peak)}` : ''}`;
    const right = `last 10 min${now !== undefined ? ` · now ${m.format(now)}` : ''}`;
    // A rule's limit beside it where it fits whole (the rules below list every limit anyway).
    const room = width - half - 2;
    const limited = m.limit ? `${right} · limit ${m.limit}` : right;
    out.push([
      span(fit(left, half), undefined, true),
      span('  '),
      span(fit(limited.length <= room ? limited : right, room), palette.dim),
    ]);
    if (measured.length === 0) {
      out.push(line(fit(`${' '.repeat(LABEL)}(${m.empty})`, width), palette.dim));
      for (let r = 1; r < rows; r++) out.push([]);
      continue;
    }
    const top = m.top(peak);
    const hourRows = blockRows(hour, rows, top);
    const recentRows = blockRows(recent, rows, top);
    for (let r = 0; r < rows; r++) {
      const label = r === 0 ? m.axis(top) : r === rows - 1 ? '0' : '';
      out.push([
        span(fit(label, LABEL - 1, 'right') + ' ', palette.dim),
        span(fit(hourRows[r]!, half - LABEL), palette.accent),
        span('  '),
        span(fit(label, LABEL - 1, 'right') + ' ', palette.dim),
        span(fit(recentRows[r]!, width - half - 2 - LABEL), palette.accent),
      ]);
    }
  }
  out.push(axisLine(half, width, palette));
  return out;
}

/** `-60m … -30m … now` under the hour, `-10m … -5m … now` under the 10 minutes. */
function axisLine(half: number, width: number, palette: Palette): Line {
  const axis = (room: number, ends: [string, string, string]) => {
    const [a, b, c] = ends;
    if (room < a.length + b.length + c.length + 2) return fit(`${a} … ${c}`, room);
    const middle = Math.floor(room / 2) - Math.floor(b.length / 2);
    const left = a.padEnd(middle) + b;
    return left + c.padStart(room - left.length);
  };
  const leftRoom = half - LABEL;
  const rightRoom = width - half - 2 - LABEL;
  return line(
    ' '.repeat(LABEL) +
      axis(leftRoom, ['-60m', '-30m', 'now']) +
      '  ' +
      ' '.repeat(LABEL) +
      axis(rightRoom, ['-10m', '-5m', 'now']),
    palette.dim,
  );
}

function eventLines(input: ServiceViewInput, height: number): Line[] {
  const { width, palette, zone, nowMs } = input;
  const events = viewEvents(input.detail);
  const head = `events · newest first · ${events.length === 0 ? 'none recorded' : 'j/k select · Enter: the log before that moment'}`;
  const out: Line[] = [line(fit(head, width), palette.accent, true)];
  const rows = Math.max(0, height - 1);
  const selected = Math.min(Math.max(0, input.event), Math.max(0, events.length - 1));
  const first = Math.max(0, Math.min(selected - rows + 1, events.length - rows));
  events.slice(first, first + rows).forEach((e, i) => {
    const text = `${when(e.atMs, nowMs, zone).padStart(11)}  ${e.kind.padEnd(15)} ${printable(e.text)}`;
    const l: Line = [
      span(text.slice(0, 13)),
      span(fit(text.slice(13), width - 13), kindColour(e, palette), e.kind === 'exit'),
    ];
    out.push(first + i === selected ? inverse(l) : l);
  });
  return out;
}

function kindColour(e: ServiceEventFacts, palette: Palette): Colour {
  switch (e.kind) {
    case 'exit':
      return e.code === 0 ? palette.warn : palette.state('error', true);
    case 'check-failed':
    case 'rules-refused':
      return palette.state('error', true);
    case 'start':
    case 'ready':
    case 'check-recovered':
      return palette.state('up', true);
    case 'action':
    case 'alert':
    case 'alert-suppressed':
      return palette.warn;
    default:
      return undefined;
  }
}
