// The console's own state (what is selected, which overlay is open, the filter, the zone, how far
// the log is scrolled sideways) as a pure reducer: an intent in, the next state and at most one
// effect out. Effects (control bytes, log moves, quitting) are carried out by the console's
// controller, never here. Services are addressed by id; names are for filtering and words.
import { letterInfo, type ControlLetter } from '../codec/letters.js';
import { menuItems, type MenuItem, type Target } from './menu.js';
import type { LogMove, ServiceId } from '../source/port.js';
import { BY_NAME, stepSort, type SortOrder } from './sort.js';
import {
  NO_LOG_TOOL,
  reduceLogTool,
  type LogToolAction,
  type LogToolEffect,
  type LogToolState,
} from './log-tool.js';

export type Focus = 'table' | 'log';

export type Overlay =
  | { kind: 'none' }
  /** `log`: opened from the log pane, so its keys are listed. */
  | { kind: 'help'; log?: boolean }
  | { kind: 'menu'; index: number }
  /** The log tool's filter list (F), `index` its selected row. */
  | { kind: 'filters'; index: number }
  /** One question for the services an action addresses (the marked ones, or the selected). */
  | { kind: 'confirm'; item: MenuItem; targets: readonly Named[] }
  | { kind: 'quit' }
  /** The service view (`i`): charts, rules and events of one service; `event` is the selected
   * event, 0 the newest. */
  | { kind: 'service'; id: ServiceId; event: number };

export interface UiState {
  selected: ServiceId | undefined;
  focus: Focus;
  overlay: Overlay;
  filter: string;
  editingFilter: boolean;
  zoneIndex: number;
  /** The log pane's first column shown (0: lines start at the left, long ones cut). */
  shift: number;
  message: string;
  readOnly: boolean;
  /** Why read-only, when not a permission ("nothing supervises this tree"). */
  readOnlyWhy?: string;
  sort: SortOrder;
  /** Marked services (Space), in the order marked: u, d and the menu act on all of them. */
  marks: readonly ServiceId[];
  /** The log pane's search, filters, prompt and merged view. */
  logTool: LogToolState;
}

export type LogOp = LogMove | { kind: 'sideways'; direction: -1 | 1 };

export type Intent =
  | { kind: 'move'; delta: number }
  | { kind: 'moveEdge'; edge: 'first' | 'last' }
  | { kind: 'toggleFocus' }
  | { kind: 'log'; op: LogOp }
  | { kind: 'control'; letter: ControlLetter }
  | { kind: 'openMenu' }
  | { kind: 'menuMove'; delta: number }
  | { kind: 'menuChoose'; key?: string }
  | { kind: 'answer'; yes: boolean }
  | { kind: 'cycleZone' }
  | { kind: 'startFilter' }
  | { kind: 'filterInput'; text: string }
  | { kind: 'filterBackspace' }
  | { kind: 'filterDone' }
  | { kind: 'help' }
  | { kind: 'close' }
  | { kind: 'quit' }
  | { kind: 'redraw' }
  | { kind: 'suspend' }
  | { kind: 'message'; text: string }
  | { kind: 'sortStep'; direction: 1 | -1 }
  | { kind: 'sortReverse' }
  | { kind: 'toggleMark' }
  | { kind: 'clearMarks' }
  | { kind: 'logTool'; action: LogToolAction }
  | { kind: 'openView' }
  | { kind: 'viewMove'; delta: number }
  | { kind: 'viewChoose' };

export type Effect =
  | { kind: 'control'; targets: readonly Named[]; letter: ControlLetter; target: Target }
  | { kind: 'log'; move: LogMove }
  | { kind: 'logTool'; effect: LogToolEffect }
  | { kind: 'redraw' }
  | { kind: 'suspend' }
  | { kind: 'quit'; stopServices: boolean }
  /** Read the service view's facts. */
  | { kind: 'detail'; id: ServiceId }
  /** Show the service's log ending just before `atMs` (an event's moment). */
  | { kind: 'logAt'; id: ServiceId; atMs: number };

export interface Named {
  id: ServiceId;
  name: string;
}

export interface Context {
  /** Visible (filtered) services, in the table's order. */
  rows: readonly Named[];
  /** Every service's name by id, filtered or not (marks outlive a filter). */
  names?: ReadonlyMap<ServiceId, string>;
  /** The log pane's width and how far its longest shown line reaches (sideways scrolling). */
  logWidth?: number;
  longestLogLine?: number;
  zoneCount: number;
  /** Embedded mode: the console is the supervisor, so quitting stops the services (after y). */
  embedded: boolean;
  /** Every service in the tree, filtered or not (embedded with none: q quits at once). */
  serviceCount?: number;
  /** The selected service has a log service (the menu offers its actions). */
  selectedHasLog?: boolean;
  /** The service view's events, newest first (what Enter and j/k address there). */
  viewEvents?: readonly { atMs: number }[];
}

export interface Step {
  state: UiState;
  effect?: Effect;
}

export function initialUiState(
  rows: readonly Named[],
  readOnly = false,
  readOnlyWhy?: string,
): UiState {
  return {
    selected: rows[0]?.id,
    focus: 'table',
    overlay: { kind: 'none' },
    filter: '',
    editingFilter: false,
    zoneIndex: 0,
    shift: 0,
    message: '',
    readOnly,
    ...(readOnlyWhy ? { readOnlyWhy } : {}),
    sort: BY_NAME,
    marks: [],
    logTool: NO_LOG_TOOL,
  };
}

/** Rows whose name matches the filter (a case-insensitive substring). */
export function filterRows<T extends Named>(rows: readonly T[], filter: string): readonly T[] {
  if (!filter) return rows;
  const needle = filter.toLowerCase();
  return rows.filter((r) => r.name.toLowerCase().includes(needle));
}

/** Keep the selection on a visible row: the same service if still there, else the first. */
export function settleSelection(state: UiState, rows: readonly Named[]): UiState {
  if (state.selected !== undefined && rows.some((r) => r.id === state.selected)) return state;
  const selected = rows[0]?.id;
  return selected === state.selected ? state : { ...state, selected, shift: 0 };
}

function nameOf(ctx: Context, id: ServiceId | undefined): string {
  return ctx.rows.find((r) => r.id === id)?.name ?? '';
}

export function reduce(state: UiState, intent: Intent, ctx: Context): Step {
  const at = (s: UiState): Step => {
    const next = settleSelection(s, ctx.rows);
    // Another service's log starts at the left.
    return { state: next.selected !== state.selected ? { ...next, shift: 0 } : next };
  };
  switch (intent.kind) {
    case 'move': {
      const index = Math.max(
        0,
        ctx.rows.findIndex((r) => r.id === state.selected),
      );
      const next = clamp(index + intent.delta, 0, ctx.rows.length - 1);
      return at({ ...state, selected: ctx.rows[next]?.id });
    }
    case 'moveEdge':
      return at({
        ...state,
        selected: intent.edge === 'first' ? ctx.rows[0]?.id : ctx.rows.at(-1)?.id,
      });
    case 'toggleFocus':
      return { state: { ...state, focus: state.focus === 'table' ? 'log' : 'table' } };
    case 'log': {
      const op = intent.op;
      if (op.kind === 'sideways') {
        const width = Math.max(1, ctx.logWidth ?? 80);
        const shift = nextOffset(state.shift, op.direction, width, ctx.longestLogLine ?? 0);
        return { state: { ...state, shift } };
      }
      // Back to following the end also brings the view back to the left.
      const next = op.kind === 'tail' ? { ...state, shift: 0 } : state;
      return { state: next, effect: { kind: 'log', move: op } };
    }
    case 'redraw':
      return { state, effect: { kind: 'redraw' } };
    case 'suspend':
      // Embedded, this process is the supervisor: stopped, it would restart nothing and its
      // loggers would stop reading, so the services would block on their pipes.
      if (ctx.embedded)
        return {
          state: {
            ...state,
            message:
              'not suspended: embedded, svtui is the supervisor (svtui scan DIR runs them alone)',
          },
        };
      return { state, effect: { kind: 'suspend' } };
    case 'control':
      return askOrSend(state, serviceItem(intent.letter), ctx);
    case 'openMenu':
      if (!state.selected) return { state };
      // Read-only: every letter would be refused, so say why now instead of opening the menu.
      if (state.readOnly) return { state: readOnlyRefusal(state, nameOf(ctx, state.selected)) };
      return { state: { ...state, overlay: { kind: 'menu', index: 0 } } };
    case 'menuMove': {
      if (state.overlay.kind !== 'menu') return { state };
      const items = menuItems(ctx.selectedHasLog ?? false);
      const index = clamp(state.overlay.index + intent.delta, 0, items.length - 1);
      return { state: { ...state, overlay: { kind: 'menu', index } } };
    }
    case 'menuChoose': {
      if (state.overlay.kind !== 'menu') return { state };
      const items = menuItems(ctx.selectedHasLog ?? false);
      const item =
        intent.key === undefined
          ? items[state.overlay.index]
          : items.find((i) => i.key === intent.key);
      if (!item) return { state };
      return askOrSend({ ...state, overlay: { kind: 'none' } }, item, ctx);
    }
    case 'answer':
      return answer(state, intent.yes, ctx);
    case 'cycleZone':
      return { state: { ...state, zoneIndex: (state.zoneIndex + 1) % Math.max(1, ctx.zoneCount) } };
    case 'startFilter':
      return { state: { ...state, editingFilter: true } };
    case 'filterInput':
      return { state: { ...state, filter: state.filter + intent.text } };
    case 'filterBackspace':
      return { state: { ...state, filter: state.filter.slice(0, -1) } };
    case 'filterDone':
      return { state: { ...state, editingFilter: false } };
    case 'help':
      return {
        state: {
          ...state,
          overlay: { kind: 'help', ...(state.focus === 'log' ? { log: true } : {}) },
        },
      };
    case 'logTool':
      return logTool(state, intent.action, ctx);
    case 'close':
      if (state.editingFilter) return { state: { ...state, editingFilter: false, filter: '' } };
      if (state.overlay.kind === 'confirm' || state.overlay.kind === 'quit')
        return answer(state, false, ctx);
      if (state.overlay.kind !== 'none') return { state: { ...state, overlay: { kind: 'none' } } };
      if (state.marks.length) return { state: { ...state, marks: [] } };
      if (state.filter) return { state: { ...state, filter: '' } };
      return { state };
    case 'quit':
      if (ctx.embedded && (ctx.serviceCount ?? ctx.rows.length) > 0)
        return { state: { ...state, overlay: { kind: 'quit' } } };
      return { state, effect: { kind: 'quit', stopServices: ctx.embedded } };
    case 'message':
      return { state: { ...state, message: intent.text } };
    case 'sortStep':
      return { state: { ...state, sort: stepSort(state.sort, intent.direction) } };
    case 'sortReverse':
      return { state: { ...state, sort: { ...state.sort, descending: !state.sort.descending } } };
    case 'toggleMark': {
      const id = state.selected;
      if (!id) return { state };
      const marked = state.marks.includes(id);
      const marks = marked ? state.marks.filter((m) => m !== id) : [...state.marks, id];
      // As htop's Space: on to the next row, so Space Space Space marks three.
      return reduce({ ...state, marks }, { kind: 'move', delta: 1 }, ctx);
    }
    case 'clearMarks':
      return { state: state.marks.length ? { ...state, marks: [] } : state };
    case 'openView':
    case 'viewMove':
    case 'viewChoose':
      return serviceView(state, intent, ctx);
  }
}

/** `i` opens the selected service's view; j/k pick an event; Enter shows the log before it. */
function serviceView(
  state: UiState,
  intent: Extract<Intent, { kind: 'openView' | 'viewMove' | 'viewChoose' }>,
  ctx: Context,
): Step {
  const overlay = state.overlay;
  if (intent.kind === 'openView') {
    const id = state.selected;
    if (!id) return { state };
    return {
      state: { ...state, overlay: { kind: 'service', id, event: 0 } },
      effect: { kind: 'detail', id },
    };
  }
  if (overlay.kind !== 'service') return { state };
  const events = ctx.viewEvents ?? [];
  if (intent.kind === 'viewMove') {
    const event = clamp(overlay.event + intent.delta, 0, events.length - 1);
    return { state: { ...state, overlay: { ...overlay, event } } };
  }
  const chosen = events[overlay.event];
  if (!chosen) return { state };
  return {
    // The service's own log, out of the merged view if it was on.
    state: {
      ...state,
      overlay: { kind: 'none' },
      focus: 'log',
      shift: 0,
      selected: overlay.id,
      logTool: { ...state.logTool, merged: undefined },
    },
    effect: { kind: 'logAt', id: overlay.id, atMs: chosen.atMs },
  };
}

/** The log tool's actions (store/log-tool.ts); the filter list's row lives in the overlay. */
function logTool(state: UiState, action: LogToolAction, ctx: Context): Step {
  const listed = state.overlay.kind === 'filters' ? state.overlay.index : 0;
  const step = reduceLogTool(
    state,
    action,
    ctx.rows.map((r) => r.id),
    listed,
  );
  let next: UiState = { ...state, ...step.state };
  if (action.kind === 'openList') next = { ...next, overlay: { kind: 'filters', index: 0 } };
  else if (next.overlay.kind === 'filters' && step.listIndex !== undefined)
    next = { ...next, overlay: { kind: 'filters', index: step.listIndex } };
  return step.effect
    ? { state: next, effect: { kind: 'logTool', effect: step.effect } }
    : { state: next };
}

function serviceItem(letter: ControlLetter): MenuItem {
  const info = letterInfo(letter);
  return {
    target: 'service',
    letter,
    key: letter,
    name: info.name,
    does: info.does,
    asks: info.asks,
  };
}

/** The services an action addresses: every marked one, else the selected one. */
export function actionTargets(state: UiState, ctx: Context): Named[] {
  if (state.marks.length > 0)
    return state.marks.map((id) => ({ id, name: ctx.names?.get(id) ?? (nameOf(ctx, id) || id) }));
  const id = state.selected;
  return id ? [{ id, name: nameOf(ctx, id) }] : [];
}

function askOrSend(state: UiState, item: MenuItem, ctx: Context): Step {
  const targets = actionTargets(state, ctx);
  if (targets.length === 0) return { state };
  if (state.readOnly)
    return { state: readOnlyRefusal(state, targets.map((t) => t.name).join(', ')) };
  // Several at once always ask, naming them: one key must not act on many by surprise.
  if (item.asks || targets.length > 1)
    return { state: { ...state, overlay: { kind: 'confirm', item, targets } } };
  return { state, effect: { kind: 'control', targets, letter: item.letter, target: item.target } };
}

function readOnlyRefusal(state: UiState, service: string): UiState {
  const why = state.readOnlyWhy ?? 'no permission to control';
  return { ...state, message: `${service}: read-only: ${why}` };
}

function answer(state: UiState, yes: boolean, _ctx: Context): Step {
  const overlay = state.overlay;
  const closed = { ...state, overlay: { kind: 'none' } as const };
  if (overlay.kind === 'confirm') {
    const { item, targets } = overlay;
    const who = targets.length === 1 ? targets[0]!.name : `${targets.length} services`;
    if (!yes) return { state: { ...closed, message: `${who}: cancelled, nothing sent` } };
    return {
      state: closed,
      effect: { kind: 'control', targets, letter: item.letter, target: item.target },
    };
  }
  if (overlay.kind === 'quit') {
    if (!yes) return { state: { ...closed, message: 'cancelled: still running' } };
    return { state: closed, effect: { kind: 'quit', stopServices: true } };
  }
  return { state };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/** The next offset after a move by half a pane, kept where something of the longest line shows. */
export function nextOffset(
  current: number,
  direction: -1 | 1,
  width: number,
  longest: number,
): number {
  const step = Math.max(1, Math.floor(width / 2));
  if (direction < 0) return Math.max(0, current - step);
  if (longest <= width) return current;
  const last = Math.ceil((longest - width + 1) / step) * step; // the end of the longest in view
  return Math.min(current + step, Math.max(current, last));
}
