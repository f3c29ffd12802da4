// The log pane as lines: a title with the directory, the place in the timeline and the zone, then
// the window's lines, each label decoded in the active zone and every control sequence made
// harmless (sanitizeLine) here, where nothing else can reach the terminal first. Shifted sideways
// when the operator scrolled right; a line shorter than the shift is shown blank, so rows keep
// matching log lines.
import { sanitizeLine } from '../logview/sanitize.js';
import type { Fact, LogWindowFacts } from '../source/port.js';
import { decodeLabelLine } from '../time/decode.js';
import type { Zone } from '../time/zone.js';
import { logTitle } from './chrome.js';
import { displayColumns, shiftLine } from './hscroll.js';
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
}

/** The window's lines decoded and made safe, uncut (for sideways scrolling and its limit). */
export function safeLines(window: LogWindowFacts, zone: Zone): string[] {
  return window.lines.map((l) => sanitizeLine(decodeLabelLine(l, zone)));
}

/** How far right the longest shown line reaches, in columns. */
export function longestLine(window: LogWindowFacts, zone: Zone): number {
  let longest = 0;
  for (const l of safeLines(window, zone)) longest = Math.max(longest, displayColumns(l));
  return longest;
}

/**
 * A raw line as the pane shows it: label decoded, made safe, cut to `width`. Memoised (the same
 * lines are drawn frame after frame while following or paging back and forth): the result depends
 * on the arguments alone, so the cache changes no answer, only the cost.
 */
function shownLine(raw: string, zone: Zone, width: number): string {
  const key = `${width}\u0000${raw}`;
  let byLine = shown.get(zone);
  if (!byLine) shown.set(zone, (byLine = new Map()));
  let line = byLine.get(key);
  if (line === undefined) {
    line = sanitizeLine(decodeLabelLine(raw, zone), { width });
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
  let body: string[] = [];
  if (content.kind === 'none') title = { title: '', where: '' };
  else if (content.kind === 'absent')
    title = { title: `${content.name}: ${content.why.text}`, where: '' };
  else {
    const w = content.window;
    const place = w.following ? 'following' : w.atTop ? 'top' : `${Math.floor(w.fraction * 100)}%`;
    const which = w.directory ? ` (${w.directory.index + 1}/${w.directory.count}, o: next)` : '';
    title = {
      title: w.title + which,
      where: input.shift > 0 ? `${place} · +${input.shift} cols` : place,
    };
    const lines = w.lines.slice(-bodyHeight);
    body =
      input.shift > 0
        ? lines.map((l) => shiftLine(sanitizeLine(decodeLabelLine(l, zone)), input.shift, width))
        : lines.map((l) => shownLine(l, zone, width));
    // An empty pane says why in its body, where a long path cannot push the reason off screen.
    if (body.length === 0 && w.note) body = [sanitizeLine(`(${w.note.text})`, { width })];
  }
  const out: Line[] = [
    line(
      logTitle(title, width, zone.name, input.focused),
      input.focused ? palette.accent : palette.dim,
      input.focused,
    ),
    ...body.map((l) => line(l)),
  ];
  while (out.length < height) out.push([]);
  return out.slice(0, height);
}
