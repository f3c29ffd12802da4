// The log tool's keys (pure), as less and lnav users expect them: `/` search, `n`/`N` next and
// previous hit, `&` filter (`&!` hides), `F` the filter list, `:` jump to a time, `e`/`E` and
// `w`/`W` errors and warnings, `M` the merged timeline, `y` copy, `Y` save. While a prompt is
// open every key goes to it; Ctrl-R at the prompt makes the pattern literal (less's ^R).
import type { LogToolAction } from '../store/log-tool.js';
import type { Intent, UiState } from '../store/ui-state.js';
import { isControl } from './format.js';
import type { KeyInfo } from './key-info.js';

const tool = (action: LogToolAction): Intent => ({ kind: 'logTool', action });

/** A prompt or a y/n question of the log tool has the keys. */
export function logToolCaptures(state: UiState): boolean {
  return state.logTool.prompt !== undefined || state.logTool.overwrite !== undefined;
}

/** Keys while the prompt or the overwrite question is open. */
export function logPromptKey(state: UiState, input: string, key: KeyInfo): Intent | undefined {
  if (state.logTool.overwrite !== undefined) {
    if (input === 'y' || input === 'Y') return tool({ kind: 'overwrite', yes: true });
    if (input === 'n' || input === 'N' || key.escape)
      return tool({ kind: 'overwrite', yes: false });
    return key.ctrl && input === 'c' ? { kind: 'quit' } : undefined;
  }
  if (key.ctrl) {
    if (input === 'c') return { kind: 'quit' };
    if (input === 'l') return { kind: 'redraw' };
    if (input === 'u') return tool({ kind: 'clearInput' });
    if (input === 'r') return tool({ kind: 'input', text: '\u0012' });
    return undefined;
  }
  if (key.escape) return tool({ kind: 'cancelPrompt' });
  if (key.return) return tool({ kind: 'submit' });
  if (key.backspace || key.delete) return tool({ kind: 'backspace' });
  if (key.meta || key.tab || !input || [...input].some(isControl)) return undefined;
  return tool({ kind: 'input', text: input });
}

/** The log pane's own keys (it has the keys: Tab moved there). */
export function logPaneKey(input: string): Intent | undefined {
  switch (input) {
    case '/':
      return tool({ kind: 'prompt', prompt: 'search' });
    case '&':
      return tool({ kind: 'prompt', prompt: 'filter' });
    case ':':
      return tool({ kind: 'prompt', prompt: 'jump' });
    case 'Y':
      return tool({ kind: 'prompt', prompt: 'save' });
    case 'n':
      return tool({ kind: 'step', direction: 1 });
    case 'N':
      return tool({ kind: 'step', direction: -1 });
    case 'e':
      return tool({ kind: 'level', level: 'error', direction: 1 });
    case 'E':
      return tool({ kind: 'level', level: 'error', direction: -1 });
    case 'w':
      return tool({ kind: 'level', level: 'warning', direction: 1 });
    case 'W':
      return tool({ kind: 'level', level: 'warning', direction: -1 });
    case 'F':
      return tool({ kind: 'openList' });
    case 'y':
      return tool({ kind: 'copy' });
    default:
      return undefined;
  }
}

/** Keys of either pane: `M` merges (or unmerges); Esc first drops the search, then the merge. */
export function anyPaneKey(state: UiState, input: string, key: KeyInfo): Intent | undefined {
  if (input === 'M') return tool({ kind: 'merged' });
  if (key.escape && (state.logTool.search !== undefined || state.logTool.merged))
    return tool({ kind: 'escape' });
  return undefined;
}

/** The filter list (F): move, Space toggles, t flips show/hide, D deletes, & adds one. */
export function filterListKey(input: string, key: KeyInfo): Intent | undefined {
  if (key.escape || input === 'q' || input === 'F') return { kind: 'close' };
  if (key.upArrow || input === 'k') return tool({ kind: 'listMove', delta: -1 });
  if (key.downArrow || input === 'j') return tool({ kind: 'listMove', delta: 1 });
  if (input === ' ' || key.return) return tool({ kind: 'listToggle' });
  if (input === 't') return tool({ kind: 'listFlip' });
  if (input === 'D' || input === 'x' || key.delete) return tool({ kind: 'listDelete' });
  if (input === '&') return tool({ kind: 'prompt', prompt: 'filter' });
  return undefined;
}

/** The log pane's keys, for the help overlay opened from the log pane. */
export const logKeyHelp: readonly [string, string][] = [
  ['/', 'search (^R: literal text)'],
  ['n N', 'next, previous hit'],
  ['& &!', 'show only / hide what matches'],
  ['F', 'filters: Space on/off, t, D'],
  [':', 'jump to a time: 19:08, -1h'],
  ['e E w W', 'next/prev error; warning'],
  ['M', 'merged log (all, or marked)'],
  ['y Y', 'copy shown lines; save them'],
  ['Esc', 'end the search; leave merged'],
];
