// Keys to intents, as a pure function of the console's state: which overlay is open decides
// what a key means. The Key shape is the subset of Ink's we read, so tests need no Ink.
import { controlLetters } from '../store/letters.js';
import { isControl } from './format.js';
import type { Intent, UiState } from '../store/ui-state.js';

export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

export function keyToIntent(state: UiState, input: string, key: KeyInfo): Intent | undefined {
  if (key.ctrl && input === 'c') return { kind: 'quit' };
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
    case 'none':
      return mainKey(state, input, key);
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
  const letter = controlLetters.find((l) => l.letter === input);
  return letter ? { kind: 'menuChoose', letter: letter.letter } : undefined;
}

function mainKey(state: UiState, input: string, key: KeyInfo): Intent | undefined {
  if (key.tab) return { kind: 'toggleFocus' };
  if (key.escape) return { kind: 'close' };
  if (key.return) return { kind: 'openMenu' };
  const inLog = state.focus === 'log';
  if (key.pageUp) return { kind: 'log', op: 'pageUp' };
  if (key.pageDown) return { kind: 'log', op: 'pageDown' };
  // Long log lines: the pane scrolls sideways by half its width, from either pane.
  if (key.leftArrow || input === 'h') return { kind: 'log', op: 'left' };
  if (key.rightArrow || input === 'l') return { kind: 'log', op: 'right' };
  if (key.upArrow || input === 'k')
    return inLog ? { kind: 'log', op: 'lineUp' } : { kind: 'move', delta: -1 };
  if (key.downArrow || input === 'j')
    return inLog ? { kind: 'log', op: 'lineDown' } : { kind: 'move', delta: 1 };
  if (key.home) return inLog ? { kind: 'log', op: 'top' } : { kind: 'moveEdge', edge: 'first' };
  if (key.end) return inLog ? { kind: 'log', op: 'follow' } : { kind: 'moveEdge', edge: 'last' };
  switch (input) {
    case 'g':
      return inLog ? { kind: 'log', op: 'top' } : { kind: 'moveEdge', edge: 'first' };
    case 'G':
      return inLog ? { kind: 'log', op: 'follow' } : { kind: 'moveEdge', edge: 'last' };
    case 'u':
      return { kind: 'control', letter: 'u' };
    case 'd':
      return { kind: 'control', letter: 'd' };
    case 'z':
      return { kind: 'cycleZone' };
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
  ['g G', 'log top / end and follow'],
  ['← → h l', 'log sideways (G: back left)'],
  ['u', 'up now (svc -u)'],
  ['d', 'down after y/n (svc -d)'],
  ['Enter', 'menu of every svc letter'],
  ['z', 'next zone for log times'],
  ['/', 'filter services by name'],
  ['?', 'this help'],
  ['Esc', 'close menu, help, filter'],
  ['q ^C', 'quit; embedded: stop all? y/n'],
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
