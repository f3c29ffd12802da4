// The log pane as a log tool, as console state (pure): the prompt being typed (`/` search, `&`
// filter, `:` time, `Y` file name), the search the pane runs, the filters (kept across services,
// as lnav keeps its filters: they apply to whichever single log is shown), the merged timeline's
// services, and a save waiting for "overwrite? y/n". The timeline itself answers (bad pattern,
// no more hits); what it says comes back as actions (`refused`, `filtersSet`, `exists`).
import type { LogFilterInput, LogLevel, ServiceId } from '../source/port.js';

export type PromptKind = 'search' | 'filter' | 'jump' | 'save';

export interface LogPrompt {
  kind: PromptKind;
  text: string;
  /** Why the log refused what was typed (shown beside it until the next key). */
  error?: string;
}

export interface LogToolState {
  prompt?: LogPrompt;
  /** The query the pane searches for, as typed, while a search is on. */
  search?: string;
  filters: readonly LogFilterInput[];
  /** The merged timeline's services, while it is shown (M). */
  merged?: readonly ServiceId[];
  /** A file that exists: save over it? y/n. */
  overwrite?: string;
}

export const NO_LOG_TOOL: LogToolState = { filters: [] };

export type LogToolAction =
  | { kind: 'prompt'; prompt: PromptKind }
  | { kind: 'input'; text: string }
  | { kind: 'backspace' }
  /** Ctrl-U: the prompt's text cleared. */
  | { kind: 'clearInput' }
  | { kind: 'submit' }
  | { kind: 'cancelPrompt' }
  /** Esc in the panes: the search's highlights go, else the merged view closes. */
  | { kind: 'escape' }
  | { kind: 'step'; direction: 1 | -1 }
  | { kind: 'level'; level: LogLevel; direction: 1 | -1 }
  | { kind: 'merged' }
  | { kind: 'copy' }
  | { kind: 'openList' }
  | { kind: 'listMove'; delta: number }
  | { kind: 'listToggle' }
  | { kind: 'listFlip' }
  | { kind: 'listDelete' }
  // What the timeline or the file system answered:
  | { kind: 'searching'; text: string }
  | { kind: 'refused'; prompt: LogPrompt; text: string }
  | { kind: 'filtersSet'; filters: readonly LogFilterInput[] }
  | { kind: 'exists'; path: string }
  | { kind: 'overwrite'; yes: boolean };

export type LogToolEffect =
  | { kind: 'search'; text: string }
  | { kind: 'cancelSearch' }
  | { kind: 'step'; direction: 1 | -1 }
  | { kind: 'level'; level: LogLevel; direction: 1 | -1 }
  | { kind: 'filters'; filters: readonly LogFilterInput[] }
  | { kind: 'jump'; when: string }
  | { kind: 'copy' }
  | { kind: 'save'; path: string; overwrite: boolean };

/** The part of the console's state the log tool reads and writes. */
export interface LogToolHost {
  logTool: LogToolState;
  focus: 'table' | 'log';
  marks: readonly ServiceId[];
  message: string;
}

export interface LogToolStep {
  state: LogToolHost;
  effect?: LogToolEffect;
  /** The filter list's selected row moved to (when the list is open). */
  listIndex?: number;
}

/** The filters as a `&` line would read: `!` first for the ones that hide. */
export function parseFilterText(text: string): LogFilterInput {
  const exclude = text.startsWith('!');
  return { text: exclude ? text.slice(1) : text, exclude, enabled: true };
}

export function reduceLogTool(
  state: LogToolHost,
  action: LogToolAction,
  visible: readonly ServiceId[],
  listIndex = 0,
): LogToolStep {
  const tool = state.logTool;
  const put = (next: Partial<LogToolState>): LogToolHost => ({
    ...state,
    logTool: { ...tool, ...next },
  });
  const without = (key: keyof LogToolState): LogToolState => {
    const copy = { ...tool };
    delete copy[key];
    return copy;
  };
  switch (action.kind) {
    case 'prompt':
      return { state: put({ prompt: { kind: action.prompt, text: '' } }) };
    case 'input':
      if (!tool.prompt) return { state };
      return {
        state: put({ prompt: { kind: tool.prompt.kind, text: tool.prompt.text + action.text } }),
      };
    case 'backspace':
      if (!tool.prompt) return { state };
      return {
        state: put({
          prompt: { kind: tool.prompt.kind, text: [...tool.prompt.text].slice(0, -1).join('') },
        }),
      };
    case 'clearInput':
      if (!tool.prompt) return { state };
      return { state: put({ prompt: { kind: tool.prompt.kind, text: '' } }) };
    case 'cancelPrompt':
      return { state: { ...state, logTool: without('prompt') } };
    case 'submit':
      return submit(state, { ...state, logTool: without('prompt') });
    case 'escape':
      if (tool.search !== undefined)
        return {
          state: { ...state, logTool: without('search') },
          effect: { kind: 'cancelSearch' },
        };
      if (tool.merged) return { state: { ...state, logTool: without('merged') } };
      return { state };
    case 'step':
      return { state, effect: { kind: 'step', direction: action.direction } };
    case 'level':
      return {
        state,
        effect: { kind: 'level', level: action.level, direction: action.direction },
      };
    case 'merged': {
      if (tool.merged) return { state: { ...state, logTool: without('merged') } };
      const ids = state.marks.length > 0 ? state.marks : visible;
      if (ids.length === 0) return { state: { ...state, message: 'no services to merge' } };
      const next = { ...without('search'), merged: [...ids] };
      return { state: { ...state, focus: 'log', logTool: next } };
    }
    case 'copy':
      return { state, effect: { kind: 'copy' } };
    case 'openList':
      return { state, listIndex: 0 };
    case 'listMove':
      return {
        state,
        listIndex: Math.max(0, Math.min(tool.filters.length - 1, listIndex + action.delta)),
      };
    case 'listToggle':
    case 'listFlip':
    case 'listDelete':
      return listChange(state, action.kind, listIndex);
    case 'searching':
      return { state: put({ search: action.text }) };
    case 'refused':
      return { state: put({ prompt: { ...action.prompt, error: action.text } }) };
    case 'filtersSet':
      return {
        state: put({ filters: action.filters }),
        listIndex: Math.max(0, Math.min(listIndex, action.filters.length - 1)),
      };
    case 'exists':
      return { state: put({ overwrite: action.path }) };
    case 'overwrite': {
      const path = tool.overwrite;
      const closed = { ...state, logTool: without('overwrite') };
      if (path === undefined) return { state };
      if (!action.yes) return { state: { ...closed, message: `${path}: kept, nothing saved` } };
      return { state: closed, effect: { kind: 'save', path, overwrite: true } };
    }
  }
}

function submit<S extends LogToolHost>(before: S, closed: S): LogToolStep {
  const prompt = before.logTool.prompt;
  if (!prompt) return { state: before };
  const text = prompt.text;
  switch (prompt.kind) {
    case 'search':
      if (text === '') {
        // less: `/` then Enter repeats the search before.
        const again = before.logTool.search;
        return again === undefined
          ? { state: closed }
          : { state: closed, effect: { kind: 'step', direction: 1 } };
      }
      // The search is on once the log took the pattern (`searching`): a bad one changes nothing.
      return { state: closed, effect: { kind: 'search', text } };
    case 'filter':
      // less: `&` then Enter with nothing typed shows every line again.
      if (text === '') return { state: closed, effect: { kind: 'filters', filters: [] } };
      return {
        state: closed,
        effect: { kind: 'filters', filters: [...before.logTool.filters, parseFilterText(text)] },
      };
    case 'jump':
      if (text.trim() === '') return { state: closed };
      return { state: closed, effect: { kind: 'jump', when: text } };
    case 'save':
      if (text.trim() === '')
        return { state: { ...closed, message: 'no file named: nothing saved' } };
      return { state: closed, effect: { kind: 'save', path: text.trim(), overwrite: false } };
  }
}

function listChange(
  state: LogToolHost,
  kind: 'listToggle' | 'listFlip' | 'listDelete',
  index: number,
): LogToolStep {
  const filters = state.logTool.filters;
  const chosen = filters[index];
  if (!chosen) return { state };
  const next =
    kind === 'listDelete'
      ? filters.filter((_, i) => i !== index)
      : filters.map((f, i) =>
          i !== index
            ? f
            : kind === 'listToggle'
              ? { ...f, enabled: !f.enabled }
              : { ...f, exclude: !f.exclude },
        );
  return { state, effect: { kind: 'filters', filters: next } };
}
