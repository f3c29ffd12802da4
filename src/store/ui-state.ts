// The console's own state (what is selected, which overlay is open, the filter, the zone) as a
// pure reducer: an intent in, the next state and at most one effect out. Effects (control bytes,
// log paging, quitting) are carried out by the composition root, never here.
import { controlLetters, letterInfo, type ControlLetter } from './letters.js';

export type Focus = 'table' | 'log';

export type Overlay =
  | { kind: 'none' }
  | { kind: 'help' }
  | { kind: 'menu'; index: number }
  | { kind: 'confirm'; letter: ControlLetter; service: string }
  | { kind: 'quit' };

export interface UiState {
  selected: string | undefined;
  focus: Focus;
  overlay: Overlay;
  filter: string;
  editingFilter: boolean;
  zoneIndex: number;
  message: string;
  readOnly: boolean;
  /** Why read-only, when not a permission ("nothing supervises this tree"). */
  readOnlyWhy?: string;
}

export type LogOp =
  'pageUp' | 'pageDown' | 'top' | 'follow' | 'lineUp' | 'lineDown' | 'left' | 'right';

export type Intent =
  | { kind: 'move'; delta: number }
  | { kind: 'moveEdge'; edge: 'first' | 'last' }
  | { kind: 'toggleFocus' }
  | { kind: 'log'; op: LogOp }
  | { kind: 'control'; letter: ControlLetter }
  | { kind: 'openMenu' }
  | { kind: 'menuMove'; delta: number }
  | { kind: 'menuChoose'; letter?: ControlLetter }
  | { kind: 'answer'; yes: boolean }
  | { kind: 'cycleZone' }
  | { kind: 'startFilter' }
  | { kind: 'filterInput'; text: string }
  | { kind: 'filterBackspace' }
  | { kind: 'filterDone' }
  | { kind: 'help' }
  | { kind: 'close' }
  | { kind: 'quit' }
  | { kind: 'message'; text: string };

export type Effect =
  | { kind: 'control'; service: string; letter: ControlLetter }
  | { kind: 'log'; op: LogOp }
  | { kind: 'quit'; stopServices: boolean };

export interface Context {
  /** Visible (filtered) names, sorted. */
  names: readonly string[];
  zoneCount: number;
  /** Embedded mode: the console is the supervisor, so quitting stops the services (after y). */
  embedded: boolean;
  /** Every service in the tree, filtered or not (embedded with none: q quits at once). */
  serviceCount?: number;
}

export interface Step {
  state: UiState;
  effect?: Effect;
}

export function initialUiState(
  names: readonly string[],
  readOnly = false,
  readOnlyWhy?: string,
): UiState {
  return {
    selected: names[0],
    focus: 'table',
    overlay: { kind: 'none' },
    filter: '',
    editingFilter: false,
    zoneIndex: 0,
    message: '',
    readOnly,
    ...(readOnlyWhy ? { readOnlyWhy } : {}),
  };
}

/** Names matching the filter (a case-insensitive substring). */
export function filterNames(names: readonly string[], filter: string): string[] {
  if (!filter) return [...names];
  const needle = filter.toLowerCase();
  return names.filter((n) => n.toLowerCase().includes(needle));
}

/** Keep the selection on a visible row: the same name if still there, else the first. */
export function settleSelection(state: UiState, names: readonly string[]): UiState {
  if (state.selected !== undefined && names.includes(state.selected)) return state;
  const selected = names[0];
  return selected === state.selected ? state : { ...state, selected };
}

export function reduce(state: UiState, intent: Intent, ctx: Context): Step {
  const at = (s: UiState): Step => ({ state: settleSelection(s, ctx.names) });
  switch (intent.kind) {
    case 'move': {
      const index = Math.max(0, ctx.names.indexOf(state.selected ?? ''));
      const next = clamp(index + intent.delta, 0, ctx.names.length - 1);
      return at({ ...state, selected: ctx.names[next] });
    }
    case 'moveEdge':
      return at({ ...state, selected: intent.edge === 'first' ? ctx.names[0] : ctx.names.at(-1) });
    case 'toggleFocus':
      return { state: { ...state, focus: state.focus === 'table' ? 'log' : 'table' } };
    case 'log':
      return { state, effect: { kind: 'log', op: intent.op } };
    case 'control':
      return askOrSend(state, intent.letter);
    case 'openMenu':
      if (!state.selected) return { state };
      // Read-only: every letter would be refused, so say why now instead of opening the menu.
      if (state.readOnly) return { state: readOnlyRefusal(state, state.selected) };
      return { state: { ...state, overlay: { kind: 'menu', index: 0 } } };
    case 'menuMove': {
      if (state.overlay.kind !== 'menu') return { state };
      const index = clamp(state.overlay.index + intent.delta, 0, controlLetters.length - 1);
      return { state: { ...state, overlay: { kind: 'menu', index } } };
    }
    case 'menuChoose': {
      if (state.overlay.kind !== 'menu') return { state };
      const letter = intent.letter ?? controlLetters[state.overlay.index]?.letter;
      if (!letter) return { state };
      return askOrSend({ ...state, overlay: { kind: 'none' } }, letter);
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
      return { state: { ...state, overlay: { kind: 'help' } } };
    case 'close':
      if (state.editingFilter) return { state: { ...state, editingFilter: false, filter: '' } };
      if (state.overlay.kind === 'confirm' || state.overlay.kind === 'quit')
        return answer(state, false, ctx);
      if (state.overlay.kind !== 'none') return { state: { ...state, overlay: { kind: 'none' } } };
      if (state.filter) return { state: { ...state, filter: '' } };
      return { state };
    case 'quit':
      if (ctx.embedded && (ctx.serviceCount ?? ctx.names.length) > 0)
        return { state: { ...state, overlay: { kind: 'quit' } } };
      return { state, effect: { kind: 'quit', stopServices: ctx.embedded } };
    case 'message':
      return { state: { ...state, message: intent.text } };
  }
}

function askOrSend(state: UiState, letter: ControlLetter): Step {
  const service = state.selected;
  if (!service) return { state };
  if (state.readOnly) return { state: readOnlyRefusal(state, service) };
  if (letterInfo(letter).asks) {
    return { state: { ...state, overlay: { kind: 'confirm', letter, service } } };
  }
  return { state, effect: { kind: 'control', service, letter } };
}

function readOnlyRefusal(state: UiState, service: string): UiState {
  const why = state.readOnlyWhy ?? 'no permission to control';
  return { ...state, message: `${service}: read-only: ${why}` };
}

function answer(state: UiState, yes: boolean, _ctx: Context): Step {
  const overlay = state.overlay;
  const closed = { ...state, overlay: { kind: 'none' } as const };
  if (overlay.kind === 'confirm') {
    if (!yes)
      return { state: { ...closed, message: `${overlay.service}: cancelled, nothing sent` } };
    return {
      state: closed,
      effect: { kind: 'control', service: overlay.service, letter: overlay.letter },
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
