// The log tool's keys and state, pure: what each key of the log pane asks for, what a prompt
// keeps while it is typed and after the log refused it, how filters are composed from `&` and
// the list, and what Esc and M do in which order.
import { describe, expect, it } from 'vitest';
import { keyToIntent, type KeyInfo } from '../../src/screen/keymap.js';
import { localId } from '../../src/source/local/index.js';
import type { LogFilterInput } from '../../src/source/port.js';
import type { LogToolAction } from '../../src/store/log-tool.js';
import { initialUiState, reduce, type Context, type UiState } from '../../src/store/ui-state.js';

const rows = ['alpha', 'beta', 'gamma'].map((name) => ({ id: localId(name), name }));
const ctx: Context = { rows, zoneCount: 2, embedded: false };

function run(state: UiState, ...keys: (string | KeyInfo)[]) {
  let effects: unknown[] = [];
  for (const k of keys) {
    const intent = typeof k === 'string' ? keyToIntent(state, k, {}) : keyToIntent(state, '', k);
    if (!intent) continue;
    const step = reduce(state, intent, ctx);
    state = step.state;
    if (step.effect) effects = [...effects, step.effect];
  }
  return { state, effects };
}

const inLog = (): UiState => ({ ...initialUiState(rows), focus: 'log' });
const type = (text: string) => [...text];
const act = (state: UiState, action: LogToolAction) =>
  reduce(state, { kind: 'logTool', action }, ctx);
const tool = (effect: object) => ({ kind: 'logTool', effect });

describe('the log pane keys', () => {
  it('/ opens the search prompt; typed keys go to it (q too), Enter searches', () => {
    const { state, effects } = run(inLog(), '/', ...type('quit?'), { return: true });
    expect(effects).toEqual([tool({ kind: 'search', text: 'quit?' })]);
    expect(state.logTool.prompt).toBeUndefined();
  });

  it('the table keeps / for its name filter', () => {
    const { state } = run(initialUiState(rows), '/', 'b');
    expect(state.editingFilter).toBe(true);
    expect(state.filter).toBe('b');
    expect(state.logTool.prompt).toBeUndefined();
  });

  it('n N e E w W step; y copies; Esc and Backspace work at the prompt', () => {
    const { effects } = run(inLog(), 'n', 'N', 'e', 'E', 'w', 'W', 'y');
    expect(effects).toEqual([
      tool({ kind: 'step', direction: 1 }),
      tool({ kind: 'step', direction: -1 }),
      tool({ kind: 'level', level: 'error', direction: 1 }),
      tool({ kind: 'level', level: 'error', direction: -1 }),
      tool({ kind: 'level', level: 'warning', direction: 1 }),
      tool({ kind: 'level', level: 'warning', direction: -1 }),
      tool({ kind: 'copy' }),
    ]);
    const typed = run(inLog(), ':', ...type('-1hx'), { backspace: true });
    expect(typed.state.logTool.prompt).toEqual({ kind: 'jump', text: '-1h' });
    const cancelled = run(typed.state, { escape: true });
    expect(cancelled.state.logTool.prompt).toBeUndefined();
    expect(cancelled.effects).toEqual([]);
  });

  it('Ctrl-R makes the pattern literal; Ctrl-U clears the line; Ctrl-C still quits', () => {
    let state = run(inLog(), '/').state;
    state = reduce(state, keyToIntent(state, 'r', { ctrl: true })!, ctx).state;
    state = run(state, ...type('a.b')).state;
    expect(state.logTool.prompt?.text).toBe('\u0012a.b');
    state = reduce(state, keyToIntent(state, 'u', { ctrl: true })!, ctx).state;
    expect(state.logTool.prompt?.text).toBe('');
    expect(keyToIntent(state, 'c', { ctrl: true })).toEqual({ kind: 'quit' });
  });

  it(': jumps to what was typed; an empty prompt does nothing', () => {
    expect(run(inLog(), ':', ...type('yesterday 14:00'), { return: true }).effects).toEqual([
      tool({ kind: 'jump', when: 'yesterday 14:00' }),
    ]);
    expect(run(inLog(), ':', { return: true }).effects).toEqual([]);
  });

  it('/ then Enter with nothing typed repeats the search, as in less', () => {
    const searching = act(inLog(), { kind: 'searching', text: 'boom' }).state;
    expect(run(searching, '/', { return: true }).effects).toEqual([
      tool({ kind: 'step', direction: 1 }),
    ]);
  });
});

describe('a refused pattern or time', () => {
  it('reopens its prompt with the text kept and the reason beside it', () => {
    const refused = act(inLog(), {
      kind: 'refused',
      prompt: { kind: 'search', text: '(bad' },
      text: 'bad pattern "(bad": Unterminated group',
    }).state;
    expect(refused.logTool.prompt).toEqual({
      kind: 'search',
      text: '(bad',
      error: 'bad pattern "(bad": Unterminated group',
    });
    expect(refused.logTool.search).toBeUndefined();
    // The next key edits the text and the reason goes.
    const edited = run(refused, { backspace: true }).state;
    expect(edited.logTool.prompt).toEqual({ kind: 'search', text: '(ba' });
  });
});

describe('filters', () => {
  const applied = (state: UiState, filters: readonly LogFilterInput[]) =>
    act(state, { kind: 'filtersSet', filters }).state;

  it('& adds a filter that shows, &! one that hides, after those already on', () => {
    const first = run(inLog(), '&', ...type('error'), { return: true });
    const shown = { text: 'error', exclude: false, enabled: true };
    expect(first.effects).toEqual([tool({ kind: 'filters', filters: [shown] })]);
    const on = applied(first.state, [shown]);
    const second = run(on, '&', ...type('!debug'), { return: true });
    expect(second.effects).toEqual([
      tool({
        kind: 'filters',
        filters: [shown, { text: 'debug', exclude: true, enabled: true }],
      }),
    ]);
    // & then Enter alone: every line again, as in less.
    expect(run(on, '&', { return: true }).effects).toEqual([
      tool({ kind: 'filters', filters: [] }),
    ]);
  });

  it('F lists them: j/k move, Space toggles, t flips show and hide, D deletes, Esc closes', () => {
    const two = applied(inLog(), [
      { text: 'error', exclude: false, enabled: true },
      { text: 'debug', exclude: true, enabled: true },
    ]);
    const listed = run(two, 'F', 'j');
    expect(listed.state.overlay).toEqual({ kind: 'filters', index: 1 });
    expect(run(listed.state, ' ').effects).toEqual([
      tool({
        kind: 'filters',
        filters: [two.logTool.filters[0], { text: 'debug', exclude: true, enabled: false }],
      }),
    ]);
    expect(run(listed.state, 't').effects).toEqual([
      tool({
        kind: 'filters',
        filters: [two.logTool.filters[0], { text: 'debug', exclude: false, enabled: true }],
      }),
    ]);
    expect(run(listed.state, 'D').effects).toEqual([
      tool({ kind: 'filters', filters: [two.logTool.filters[0]] }),
    ]);
    // Deleting the last one keeps the selection on a row that exists.
    const fewer = applied(listed.state, [two.logTool.filters[0]!]);
    expect(fewer.overlay).toEqual({ kind: 'filters', index: 0 });
    expect(run(listed.state, { escape: true }).state.overlay).toEqual({ kind: 'none' });
  });
});

describe('Esc and M', () => {
  it('M merges every listed service, or the marked ones, and gives the log pane the keys', () => {
    const all = run(initialUiState(rows), 'M').state;
    expect(all.logTool.merged).toEqual(rows.map((r) => r.id));
    expect(all.focus).toBe('log');
    const marked = { ...initialUiState(rows), marks: [rows[2]!.id, rows[0]!.id] };
    expect(run(marked, 'M').state.logTool.merged).toEqual([rows[2]!.id, rows[0]!.id]);
    expect(run(all, 'M').state.logTool.merged).toBeUndefined();
  });

  it('Esc ends the search first, then leaves the merged view, then does what it did before', () => {
    const merged = run(initialUiState(rows), 'M').state;
    const searching = act(merged, { kind: 'searching', text: 'boom' }).state;
    const first = run(searching, { escape: true });
    expect(first.effects).toEqual([tool({ kind: 'cancelSearch' })]);
    expect(first.state.logTool.merged).toBeDefined();
    const second = run(first.state, { escape: true });
    expect(second.state.logTool.merged).toBeUndefined();
    const marked = { ...second.state, marks: [rows[0]!.id] };
    expect(run(marked, { escape: true }).state.marks).toEqual([]);
  });

  it("an event chosen in the service view shows that service's own log, out of the merge", () => {
    const merged = run(initialUiState(rows), 'M').state;
    const viewing: UiState = { ...merged, overlay: { kind: 'service', id: rows[1]!.id, event: 0 } };
    const chosen = reduce(viewing, { kind: 'viewChoose' }, { ...ctx, viewEvents: [{ atMs: 5 }] });
    expect(chosen.state.logTool.merged).toBeUndefined();
    expect(chosen.state.selected).toBe(rows[1]!.id);
  });

  it('? from the log pane lists its keys', () => {
    expect(run(inLog(), '?').state.overlay).toEqual({ kind: 'help', log: true });
    expect(run(initialUiState(rows), '?').state.overlay).toEqual({ kind: 'help' });
  });
});

describe('saving', () => {
  it('Y asks for a file; an existing file is written over only after y', () => {
    const { effects } = run(inLog(), 'Y', ...type('out.log'), { return: true });
    expect(effects).toEqual([tool({ kind: 'save', path: 'out.log', overwrite: false })]);
    const asked = act(inLog(), { kind: 'exists', path: 'out.log' }).state;
    expect(run(asked, 'y').effects).toEqual([
      tool({ kind: 'save', path: 'out.log', overwrite: true }),
    ]);
    const kept = run(asked, 'n');
    expect(kept.effects).toEqual([]);
    expect(kept.state.logTool.overwrite).toBeUndefined();
    expect(kept.state.message).toBe('out.log: kept, nothing saved');
  });

  it('an empty file name saves nothing and says so', () => {
    const { state, effects } = run(inLog(), 'Y', { return: true });
    expect(effects).toEqual([]);
    expect(state.message).toBe('no file named: nothing saved');
  });
});
