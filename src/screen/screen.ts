// The whole console as one pure value: every line of the screen, in sections, from the console's
// state, the source's facts, the terminal's size and the clock. The first frame writes it as bytes
// (ansi.ts); the Ink layer draws each section with a small component. Both draw this value, so they
// cannot differ.
import type { ServiceId, ServiceRow } from '../store/model.js';
import { filterRows, type UiState } from '../store/ui-state.js';
import type { Fact, Mode, ServiceDetail } from '../source/port.js';
import type { Zone } from '../time/zone.js';
import { consoleHeader, mainHints } from './chrome.js';
import { columnTitle, layoutColumns, sortArrow } from './columns.js';
import { fit, printable, rowReason } from './format.js';
import { displayColumns } from './hscroll.js';
import { layoutHeights } from './layout.js';
import { logPaneLines, type LogPaneContent } from './log-pane.js';
import { filterListLines, logPromptLine, logToolHints } from './log-tool-lines.js';
import { overlayBody, questionLine } from './overlays.js';
import { serviceViewLines } from './service-view.js';
import type { Palette } from './palette.js';
import { line, sameLine, sameLines, span, type Line } from './spans.js';
import { sortRows } from './sort.js';
import { summaryLine } from './summary.js';
import { MARK, shownRows, tableLines } from './table.js';

export interface ScreenInput {
  columns: number;
  rows: number;
  ui: UiState;
  services: readonly ServiceRow[];
  log: LogPaneContent;
  zone: Zone;
  /** The status line's message (an action's outcome, a warning), if any. */
  message: string;
  mode: Mode;
  title: string;
  palette: Palette;
  nowMs: number;
  /** The zone s6-log's local stamps were written in (the box's); the active zone if not told. */
  stampZone?: Zone;
  /** The service view's facts, while it is open (undefined: being read). */
  detail?: ServiceDetail | Fact;
}

export interface Screen {
  /** The width every line was cut to. */
  columns: number;
  header: Line;
  /** Counts by state and health, and the newest alert. */
  summary: Line;
  /** The table and log pane, or an overlay (help, menu) in their place. */
  body:
    | {
        kind: 'panes';
        table: readonly Line[];
        log: readonly Line[];
      }
    | { kind: 'overlay'; lines: readonly Line[] };
  status: Line;
  hints: Line;
}

/** What the controller needs to know of a layout: the filtered rows, what is on screen, sizes. */
export interface Layout {
  visible: readonly ServiceRow[];
  onScreen: readonly ServiceRow[];
  tableHeight: number;
  logLines: number;
  logWidth: number;
}

/** The rows the table lists, in its order: filtered by name, then sorted. */
export function visibleRows(
  services: readonly ServiceRow[],
  ui: UiState,
  nowMs: number,
): readonly ServiceRow[] {
  return sortRows(filterRows(services, ui.filter), ui.sort, nowMs);
}

export function layoutOf(
  input: Pick<ScreenInput, 'columns' | 'rows' | 'ui' | 'services' | 'nowMs'> & {
    logAbsent?: boolean;
  },
): Layout {
  const visible = visibleRows(input.services, input.ui, input.nowMs);
  const heights = layoutHeights(input.rows, visible.length, input.logAbsent);
  return {
    visible,
    onScreen: shownRows(visible, input.ui.selected, heights.table),
    tableHeight: heights.table,
    logLines: heights.logLines,
    logWidth: input.columns,
  };
}

export function buildScreen(input: ScreenInput): Screen {
  const { columns: width, ui, palette } = input;
  const visible = visibleRows(input.services, ui, input.nowMs);
  const heights = layoutHeights(input.rows, visible.length, input.log.kind === 'absent');
  const selected = visible.find((r) => r.id === ui.selected);
  // With marks, the menu addresses every marked service (their log services are left out).
  const markedNames = ui.marks.map((id) => input.services.find((r) => r.id === id)?.name ?? id);
  const view = ui.overlay.kind === 'service' ? ui.overlay : undefined;
  const overlay = view
    ? serviceViewLines({
        row: input.services.find((r) => r.id === view.id),
        detail: input.detail,
        event: view.event,
        width,
        height: heights.body,
        nowMs: input.nowMs,
        zone: input.zone,
        palette,
      })
    : ui.overlay.kind === 'filters'
      ? filterListLines(ui.logTool, ui.overlay.index, width, heights.body, palette)
      : overlayBody(
          ui.overlay,
          markedNames.length > 0
            ? { name: `${markedNames.length} marked (${markedNames.join(', ')})`, hasLog: false }
            : { name: selected?.name ?? '', hasLog: selected?.log !== undefined },
          width,
          heights.body,
          palette,
        );
  // In a list longer than the table, where the selection is: "31/60".
  const bodyRows = heights.table - 1;
  const at = visible.findIndex((r) => r.id === ui.selected);
  const position = visible.length > bodyRows && at >= 0 ? ` · ${at + 1}/${visible.length}` : '';
  const marks = new Set(ui.marks);
  const gutter = marks.size > 0 ? MARK.length : 0;
  return {
    columns: width,
    header: headerLine(input, width, position),
    summary: summaryLine(input.services, input.nowMs, input.zone, width, palette),
    body: overlay
      ? { kind: 'overlay', lines: overlay }
      : {
          kind: 'panes',
          table: tableLines({
            rows: visible,
            columns: layoutColumns(width, { name: longestName(input.services) + gutter }),
            selected: ui.selected,
            height: heights.table,
            nowMs: input.nowMs,
            palette,
            focused: ui.focus === 'table',
            filter: ui.filter,
            sort: ui.sort,
            marks,
          }),
          log: logPaneLines({
            content: input.log,
            zone: input.zone,
            width,
            height: heights.log,
            focused: ui.focus === 'log',
            shift: ui.shift,
            palette,
            tool: ui.logTool,
            ...(ui.logTool.merged
              ? { mergedNames: mergedNames(ui.logTool.merged, input.services) }
              : {}),
            ...(input.stampZone ? { stampZone: input.stampZone } : {}),
          }),
        },
    status:
      questionLine(ui.overlay, width, palette) ??
      logPromptLine(ui.logTool, input.zone.name, width, palette) ??
      line(fit(input.message || rowReason(selected), width), palette.warn),
    hints: line(fit(hints(ui, width), width), palette.dim),
  };
}

/** Whether two screens draw the same, line for line. */
export function sameScreen(a: Screen, b: Screen): boolean {
  if (a === b) return true;
  if (a.columns !== b.columns || a.body.kind !== b.body.kind) return false;
  if (!sameLine(a.header, b.header) || !sameLine(a.summary, b.summary)) return false;
  if (!sameLine(a.status, b.status) || !sameLine(a.hints, b.hints)) return false;
  if (a.body.kind === 'overlay') return sameLines(a.body.lines, (b.body as typeof a.body).lines);
  const other = b.body as typeof a.body;
  return sameLines(a.body.table, other.table) && sameLines(a.body.log, other.log);
}

/** Every line, top to bottom: rows - 1 of them (Ink redraws a frame as tall as the terminal whole). */
export function screenLines(screen: Screen): Line[] {
  const body =
    screen.body.kind === 'overlay' ? screen.body.lines : [...screen.body.table, ...screen.body.log];
  return [screen.header, screen.summary, ...body, screen.status, screen.hints];
}

function headerLine(input: ScreenInput, width: number, position: string): Line {
  const { ui } = input;
  const filterText =
    ui.editingFilter || ui.filter ? ` · filter /${ui.filter}${ui.editingFilter ? '▏' : ''}` : '';
  const zoneText = `zone ${input.zone.name}`;
  const { sort, marks } = ui;
  const byName = sort.key === 'name' && !sort.descending;
  const column = `${columnTitle(sort.key)}${sortArrow(sort)}`;
  const marked = marks.length > 0 ? ` · ${marks.length} marked` : '';
  // Narrow terminals get the shorter words before the path has to give way.
  const summary = [
    `${byName ? '' : ` · sorted by ${column}`}${marked}`,
    `${byName ? '' : ` · by ${column}`}${marked}`,
    marked,
  ];
  const header = consoleHeader(
    input.mode,
    ui.readOnly,
    input.title,
    input.services.length,
    width - zoneText.length - 1 - filterText.length - position.length,
    summary,
  );
  return [
    span(
      fit(header + position + filterText, Math.max(1, width - zoneText.length - 1)),
      undefined,
      true,
    ),
    span(' '),
    span(zoneText, input.palette.accent, true),
  ];
}

function hints(ui: UiState, width: number): string {
  const tool = logToolHints(ui.logTool, ui.overlay.kind === 'filters', width);
  if (tool) return tool;
  if (ui.editingFilter) return 'type to filter · Enter keep · Esc clear';
  if (ui.overlay.kind === 'menu')
    return width >= 84
      ? '↑/↓ move · Enter sends the highlighted letter · a letter sends itself · Esc close'
      : '↑/↓ move · Enter sends the highlighted one · a letter sends itself · Esc close';
  if (ui.overlay.kind === 'help') return 'Esc close';
  if (ui.overlay.kind === 'service')
    return width >= 72
      ? 'j/k event · Enter log before it · g/G newest/oldest · z zone · Esc back'
      : 'j/k event · Enter log before it · Esc back';
  if (ui.overlay.kind === 'quit')
    return width >= 87
      ? 'y stop all and quit · n/Esc stay · to keep services running alone: svtui scan DIR'
      : 'y stop all and quit · n/Esc stay · svtui scan DIR runs services alone';
  if (ui.overlay.kind === 'confirm') return 'y yes · n no · Esc cancel';
  return mainHints(width, { focus: ui.focus, readOnly: ui.readOnly });
}

/** The merged view's services by name, in the merge's order. */
function mergedNames(ids: readonly ServiceId[], rows: readonly ServiceRow[]): string[] {
  return ids.map((id) => rows.find((r) => r.id === id)?.name ?? id);
}

export type { ServiceId };

/** The widest service name, in columns (the name column is no wider than it needs). */
function longestName(rows: readonly ServiceRow[]): number {
  let known = widest.get(rows);
  if (known === undefined) {
    known = 0;
    for (const r of rows) known = Math.max(known, displayColumns(printable(r.name)));
    widest.set(rows, known);
  }
  return known;
}

const widest = new WeakMap<readonly ServiceRow[], number>();
