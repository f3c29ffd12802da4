// The log pane as lines: a title with the directory, the search's count, what the filters hide,
// the place in the timeline and the zone, then the window's lines, each stamp decoded in the
// active zone and every control sequence made harmless (log-rows.ts) here, where nothing else
// can reach the terminal first. Shifted sideways when the operator scrolled right; a line
// shorter than the shift is shown blank, so rows keep matching log lines.
import { sanitizeLine } from '../logview/sanitize.js';
import type { Fact, LogWindowFacts } from '../source/port.js';
import { decodeStampLine } from '../logview/time/decode-stamp.js';
import { NO_LOG_TOOL, type LogToolState } from '../store/log-tool.js';
import type { Zone } from '../time/zone.js';
import { logTitle } from './chrome.js';
import { displayColumns } from './hscroll.js';
import { logRow } from './log-rows.js';
import { filterWords, searchWords } from './log-tool-lines.js';
import type { Palette } from './palette.js';
import { line, type Line } from './spans.js';

/** What the pane shows: a timeline's window, or why the selected service has none. */
export type LogPaneContent =
  | { kind: 'window'; window: LogWindowFacts }
  | { kind: 'absent'; name: string; why: Fact }
  | { kind: 'none' };

export interface LogPaneInput {
  content: LogPaneContent;
  zone: Zone;
  width: number;
  /** Lines, the title included. */
  height: number;
  focused: boolean;
  /** First column shown (sideways scroll). */
  shift: number;
  palette: Palette;
  /** The zone s6-log's local stamps were written in (the box's); the active zone if not told. */
  stampZone?: Zone;
  /** The log tool's state: filters on, the merged view. */
  tool?: LogToolState;
  /** The merged view's services by name, in the merge's order (their colours). */
  mergedNames?: readonly string[];
}

/** The window's lines decoded and made safe, uncut (for sideways scrolling and its limit). */
export function safeLines(window: LogWindowFacts, zone: Zone, stampZone = zone): string[] {
  return window.lines.map((l) => sanitizeLine(decodeStampLine(l, zone, stampZone).text));
}

/** How far right the longest shown line reaches, in columns. */
export function longestLine(window: LogWindowFacts, zone: Zone, stampZone = zone): number {
  let longest = 0;
  for (const l of safeLines(window, zone, stampZone))
    longest = Math.max(longest, displayColumns(l));
  return longest;
}

/**
 * A raw line as the pane shows it: label decoded, made safe, cut to `width`. Memoised (the same
 * lines are drawn frame after frame while following or paging back and forth): the result depends
 * on the arguments alone, so the cache changes no answer, only the cost.
 */
function shownLine(raw: string, zone: Zone, stampZone: Zone, width: number): string {
  const key = `${width}\u0000${stampZone.name}\u0000${raw}`;
  let byLine = shown.get(zone);
  if (!byLine) shown.set(zone, (byLine = new Map()));
  let line = byLine.get(key);
  if (line === undefined) {
    line = sanitizeLine(decodeStampLine(raw, zone, stampZone).text, { width });
    if (byLine.size >= SHOWN_LIMIT) byLine.clear();
    byLine.set(key, line);
  }
  return line;
}

const SHOWN_LIMIT = 2048;
const shown = new WeakMap<Zone, Map<string, string>>();

export function logPaneLines(input: LogPaneInput): Line[] {
  const { content, zone, width, height, palette } = input;
  const bodyHeight = Math.max(0, height - 1);
  let title: { title: string; where: string };
  let body: Line[] = [];
  if (content.kind === 'none') title = { title: '', where: '' };
  else if (content.kind === 'absent')
    title = { title: `${content.name}: ${content.why.text}`, where: '' };
  else {
    const w = content.window;
    const tool = input.tool ?? NO_LOG_TOOL;
    const place = w.following ? 'following' : w.atTop ? 'top' : `${Math.floor(w.fraction * 100)}%`;
    const which = w.directory ? ` (${w.directory.index + 1}/${w.directory.count}, o: next)` : '';
    const where = [
      w.search ? searchWords(w.search) : '',
      filterWords(tool, w),
      place,
      input.shift > 0 ? `+${input.shift} cols` : '',
    ];
    title = { title: w.title + which, where: where.filter(Boolean).join(' · ') };
    body = bodyRows(w, input, bodyHeight, tool.merged !== undefined);
    // An empty pane says why in its body, where a long path cannot push the reason off screen.
    if (body.length === 0 && w.note) body = [line(sanitizeLine(`(${w.note.text})`, { width }))];
  }
  const out: Line[] = [
    line(
      logTitle(title, width, zone.name, input.focused),
      input.focused ? palette.accent : palette.dim,
      input.focused,
    ),
    ...body,
  ];
  while (out.length < height) out.push([]);
  return out.slice(0, height);
}

/** The window's last `rows` lines as rows: hits, markers, and the merged view's prefixes. */
function bodyRows(w: LogWindowFacts, input: LogPaneInput, rows: number, merged: boolean): Line[] {
  const { zone, palette } = input;
  const stampZone = input.stampZone ?? zone;
  const start = Math.max(0, w.lines.length - rows);
  const origins = w.origins;
  const nameWidth =
    merged && origins
      ? Math.min(
          16,
          Math.max(0, ...origins.slice(start).map((o) => displayColumns(sanitizeLine(o.service)))),
        )
      : 0;
  const plain = (raw: string, cut: number) => shownLine(raw, zone, stampZone, cut);
  return w.lines.slice(start).map((raw, i) => {
    const row = start + i;
    const origin = origins?.[row];
    const hits = w.hits?.[row];
    const name = origin && merged ? sanitizeLine(origin.service, { width: nameWidth }) : undefined;
    return logRow({
      raw,
      zone,
      stampZone,
      width: input.width,
      shift: input.shift,
      plain,
      ...(hits && hits.length > 0 ? { hits } : {}),
      ...(w.landed === row ? { landed: true } : {}),
      ...(origin?.marker ? { marker: true, markerColour: palette.warn } : {}),
      ...(name !== undefined
        ? {
            prefix: {
              text: `${name}${' '.repeat(Math.max(0, nameWidth - displayColumns(name)))} `,
              colour: palette.service(
                Math.max(0, input.mergedNames?.indexOf(origin!.service) ?? 0),
              ),
            },
          }
        : {}),
    });
  });
}
