// Keys to intents, as a pure function of the console's state: which overlay is open decides
// what a key means. The Key shape is the subset of Ink's we read, so tests need no Ink. A key
// with Ctrl or Alt never falls through to the bare letter's action: Ctrl-U brings nothing up.
import { isControl } from './format.js';
import type { KeyInfo } from './key-info.js';
import type { Intent, LogOp, UiState } from '../store/ui-state.js';
import {
  anyPaneKey,
  filterListKey,
  logPaneKey,
  logPromptKey,
  logToolCaptures,
} from './log-keymap.js';

export type { KeyInfo } from './key-info.js';

const log = (op: LogOp): Intent => ({ kind: 'log', op });
const page = (direction: -1 | 1) => log({ kind: 'page', direction });
const half = (direction: -1 | 1) => log({ kind: 'half', direction });

export function keyToIntent(state: UiState, input: string, key: KeyInfo): Intent | undefined {
  // The log tool's prompt has every key, Ctrl-R (literal) and Ctrl-U (clear) included.
  if (logToolCaptures(state)) return logPromptKey(state, input, key);
  if (key.ctrl) return controlKey(state, input);
  // Alt+letter arrives as meta with the letter: no action of ours is bound to it.
  if (key.meta && !key.escape && input !== '') return undefined;
  if (state.editingFilter) return filterKey(input, key);
  switch (state.overlay.kind) {
    case 'help':
      return key.escape || input === '?' || input === 'q' ? { kind: 'close' } : undefined;
    case 'confirm':
    case 'quit':
      if (input === 'y' || input === 'Y') return { kind: 'answer', yes: true };
      if (input === 'n' || input === 'N') return { kind: 'answer', yes: false };
      return key.escape ? { kind: 'close' } : undefined;
    case 'menu':
      return menuKey(input, key);
    case 'filters':
      return filterListKey(input, key);
    case 'service':
      return viewKey(input, key);
    case 'none':
      return mainKey(state, input, key);
  }
}

/** Ctrl-C quits (asking first when embedded); less's and vim's paging keys page the log. */
function controlKey(state: UiState, input: string): Intent | undefined {
  if (input === 'c') return { kind: 'quit' };
  if (input === 'l') return { kind: 'redraw' };
  if (input === 'z') return { kind: 'suspend' };
  if (state.overlay.kind !== 'none' || state.editingFilter) return undefined;
  switch (input) {
    case 'u':
      return half(-1);
    case 'd':
      return half(1);
    case 'b':
      return page(-1);
    case 'f':
      return page(1);
    default:
      return undefined;
  }
}

function filterKey(input: string, key: KeyInfo): Intent | undefined {
  if (key.escape) return { kind: 'close' };
  if (key.return) return { kind: 'filterDone' };
  if (key.backspace || key.delete) return { kind: 'filterBackspace' };
  if (key.upArrow) return { kind: 'move', delta: -1 };
  if (key.downArrow) return { kind: 'move', delta: 1 };
  if (input && !key.ctrl && !key.meta && isPrintable(input))
    return { kind: 'filterInput', text: input };
  return undefined;
}

function menuKey(input: string, key: KeyInfo): Intent | undefined {
  // Every svc letter sends itself (k is kill here), so the menu moves with arrows and j only.
  if (key.escape || input === 'q') return { kind: 'close' };
  if (key.upArrow) return { kind: 'menuMove', delta: -1 };
  if (key.downArrow || input === 'j') return { kind: 'menuMove', delta: 1 };
  if (key.return) return { kind: 'menuChoose' };
  // Lowercase letters are svc's, for the service; uppercase ones the log service's entries.
  return /^[a-zA-Z]$/.test(input) ? { kind: 'menuChoose', key: input } : undefined;
}

/** The service view: events move with j/k, Enter shows the log before one; Esc, q or i return. */
function viewKey(input: string, key: KeyInfo): Intent | undefined {
  if (key.escape || input === 'q' || input === 'i') return { kind: 'close' };
  if (key.return) return { kind: 'viewChoose' };
  if (key.upArrow || input === 'k') return { kind: 'viewMove', delta: -1 };
  if (key.downArrow || input === 'j') return { kind: 'viewMove', delta: 1 };
  if (key.pageUp) return { kind: 'viewMove', delta: -10 };
  if (key.pageDown) return { kind: 'viewMove', delta: 10 };
  if (key.home || input === 'g') return { kind: 'viewMove', delta: -Infinity };
  if (key.end || input === 'G') return { kind: 'viewMove', delta: Infinity };
  if (input === 'z') return { kind: 'cycleZone' };
  return undefined;
}

function mainKey(state: UiState, input: string, key: KeyInfo): Intent | undefined {
  if (key.tab) return { kind: 'toggleFocus' };
  const either = anyPaneKey(state, input, key);
  if (either) return either;
  if (key.escape) return { kind: 'close' };
  if (key.return) return { kind: 'openMenu' };
  const inLog = state.focus === 'log';
  const tool = inLog ? logPaneKey(input) : undefined;
  if (tool) return tool;
  if (key.pageUp) return page(-1);
  if (key.pageDown) return page(1);
  // Long log lines: the pane scrolls sideways by half its width, from either pane.
  if (key.leftArrow || input === 'h') return log({ kind: 'sideways', direction: -1 });
  if (key.rightArrow || input === 'l') return log({ kind: 'sideways', direction: 1 });
  if (key.upArrow || input === 'k')
    return inLog ? log({ kind: 'line', direction: -1 }) : { kind: 'move', delta: -1 };
  if (key.downArrow || input === 'j')
    return inLog ? log({ kind: 'line', direction: 1 }) : { kind: 'move', delta: 1 };
  if (key.home) return inLog ? log({ kind: 'top' }) : { kind: 'moveEdge', edge: 'first' };
  if (key.end) return inLog ? log({ kind: 'tail' }) : { kind: 'moveEdge', edge: 'last' };
  switch (input) {
    case 'g':
      return inLog ? log({ kind: 'top' }) : { kind: 'moveEdge', edge: 'first' };
    case 'G':
      return inLog ? log({ kind: 'tail' }) : { kind: 'moveEdge', edge: 'last' };
    case 'u':
      return { kind: 'control', letter: 'u' };
    case 'd':
      return { kind: 'control', letter: 'd' };
    case ' ':
      // The table: mark the service (and on to the next); the log pane: a page, as in less.
      return inLog ? page(1) : { kind: 'toggleMark' };
    case 'U':
      return { kind: 'clearMarks' };
    case '<':
      return { kind: 'sortStep', direction: -1 };
    case '>':
      return { kind: 'sortStep', direction: 1 };
    case 'I':
      return { kind: 'sortReverse' };
    case 'z':
      return { kind: 'cycleZone' };
    case 'i':
      return { kind: 'openView' };
    case 'o':
      return log({ kind: 'nextDirectory' });
    case '/':
      return { kind: 'startFilter' };
    case '?':
      return { kind: 'help' };
    case 'q':
      return { kind: 'quit' };
    default:
      return undefined;
  }
}

function isPrintable(text: string): boolean {
  return ![...text].some(isControl);
}

/** Every key, for the help overlay. */
export const keyHelp: readonly [string, string][] = [
  ['j k ↑ ↓', 'move (log pane: scroll)'],
  ['Tab', 'table ⇄ log pane'],
  ['PgUp PgDn', 'page the log'],
  ['^U^D ^B^F', 'log: half page / page'],
  ['g G', 'first/last; log: top/follow'],
  ['← → h l', 'log sideways (G: back left)'],
  ['u d', 'up now; down after y/n'],
  ['Enter', 'menu of every svc letter'],
  ['Space U', 'mark (u d Enter: all); unmark'],
  ['i', 'service view (charts, events)'],
  ['< > I', 'sort by column; reverse'],
  ['z o', 'next zone; next log directory'],
  ['/', 'filter services; log: search'],
  ['M', 'merged log of all (or marked)'],
  ['? Esc', 'help; close, unmark, unfilter'],
  ['q ^C', 'quit; embedded: stop all? y/n'],
  ['^Z ^L', 'suspend (fg resumes); repaint'],
];

/**
 * Ink hands a burst of plain keys that arrive in one read (fast typing, a paste, tmux send-keys
 * with several keys) as one string: split it back into keys, naming Tab, Enter and Backspace.
 */
export function splitKeys(input: string, key: KeyInfo): [string, KeyInfo][] {
  const chars = [...input];
  if (chars.length <= 1 || key.meta || key.escape) return [[input, key]];
  return chars.map((ch): [string, KeyInfo] => {
    if (ch === '\t') return ['', { tab: true }];
    if (ch === '\r' || ch === '\n') return ['', { return: true }];
    if (ch === '\x7f' || ch === '\b') return ['', { backspace: true }];
    return [ch, {}];
  });
}
