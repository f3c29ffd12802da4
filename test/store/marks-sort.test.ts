// The reducer's sort and marks, as pure steps: `<` `>` `I` change the order, Space marks and moves
// on, u/d/the menu address every marked service with one question naming them, Esc and U clear.
import { describe, expect, it } from 'vitest';
import type { ServiceId } from '../../src/source/port.js';
import { initialUiState, reduce, type Context, type UiState } from '../../src/store/ui-state.js';

const id = (name: string) => name as ServiceId;
const rows = ['alpha', 'beta', 'gamma', 'delta'].map((name) => ({ id: id(name), name }));
const ctx: Context = { rows, zoneCount: 1, embedded: false };

function run(state: UiState, ...intents: Parameters<typeof reduce>[1][]) {
  let s = state;
  let effect;
  for (const intent of intents) {
    const step = reduce(s, intent, ctx);
    s = step.state;
    effect = step.effect;
  }
  return { state: s, effect };
}

describe('sort', () => {
  it('steps the column both ways and reverses it; the selection stays on its service', () => {
    const start = { ...initialUiState(rows), selected: id('gamma') };
    const { state } = run(start, { kind: 'sortStep', direction: 1 });
    expect(state.sort).toEqual({ key: 'state', descending: false });
    expect(run(state, { kind: 'sortReverse' }).state.sort).toEqual({
      key: 'state',
      descending: true,
    });
    expect(run(start, { kind: 'sortStep', direction: -1 }).state.sort.key).toBe('log');
    expect(state.selected).toBe('gamma');
  });
});

describe('marks', () => {
  it('Space marks the selected service and moves on; again unmarks', () => {
    const s0 = initialUiState(rows);
    const { state } = run(
      s0,
      { kind: 'toggleMark' },
      { kind: 'toggleMark' },
      { kind: 'toggleMark' },
    );
    expect(state.marks).toEqual(['alpha', 'beta', 'gamma']);
    expect(state.selected).toBe('delta');
    const back = run(state, { kind: 'move', delta: -2 }, { kind: 'toggleMark' }).state;
    expect(back.marks).toEqual(['alpha', 'gamma']);
  });

  it('u with marks asks once, naming them; y sends to every one by id', () => {
    const marked = run(
      initialUiState(rows),
      { kind: 'toggleMark' },
      { kind: 'move', delta: 1 },
      { kind: 'toggleMark' },
    );
    expect(marked.state.marks).toEqual(['alpha', 'gamma']);
    const asked = run(marked.state, { kind: 'control', letter: 'u' });
    expect(asked.effect).toBeUndefined();
    expect(asked.state.overlay).toMatchObject({
      kind: 'confirm',
      targets: [
        { id: 'alpha', name: 'alpha' },
        { id: 'gamma', name: 'gamma' },
      ],
    });
    const sent = run(asked.state, { kind: 'answer', yes: true });
    expect(sent.effect).toEqual({
      kind: 'control',
      letter: 'u',
      target: 'service',
      targets: [
        { id: 'alpha', name: 'alpha' },
        { id: 'gamma', name: 'gamma' },
      ],
    });
    const refused = run(asked.state, { kind: 'answer', yes: false });
    expect(refused.effect).toBeUndefined();
    expect(refused.state.message).toBe('2 services: cancelled, nothing sent');
  });

  it('the menu’s letter goes to the marked services too; without marks u goes at once to the selected', () => {
    const marked = run(initialUiState(rows), { kind: 'toggleMark' }, { kind: 'toggleMark' });
    const asked = run(marked.state, { kind: 'openMenu' }, { kind: 'menuChoose', key: 't' });
    expect(asked.state.overlay.kind).toBe('confirm');
    expect(run(asked.state, { kind: 'answer', yes: true }).effect).toMatchObject({
      letter: 't',
      targets: [{ id: 'alpha' }, { id: 'beta' }],
    });
    const single = run(initialUiState(rows), { kind: 'control', letter: 'u' });
    expect(single.effect).toEqual({
      kind: 'control',
      letter: 'u',
      target: 'service',
      targets: [{ id: 'alpha', name: 'alpha' }],
    });
  });

  it('marks outlive a filter: a marked service hidden by it is still addressed, by its name', () => {
    const marked = run(initialUiState(rows), { kind: 'toggleMark' });
    const hidden: Context = {
      ...ctx,
      rows: rows.slice(2),
      names: new Map(rows.map((r) => [r.id, r.name])),
    };
    const step = reduce(
      { ...marked.state, selected: id('gamma') },
      { kind: 'control', letter: 'd' },
      hidden,
    );
    expect(step.state.overlay).toMatchObject({
      kind: 'confirm',
      targets: [{ id: 'alpha', name: 'alpha' }],
    });
  });

  it('U clears the marks; so does Esc, before it clears the filter', () => {
    const marked = run(initialUiState(rows), { kind: 'toggleMark' });
    expect(run(marked.state, { kind: 'clearMarks' }).state.marks).toEqual([]);
    const filtered = { ...marked.state, filter: 'a' };
    const once = run(filtered, { kind: 'close' }).state;
    expect([once.marks, once.filter]).toEqual([[], 'a']);
    expect(run(once, { kind: 'close' }).state.filter).toBe('');
  });

  it('read-only: nothing is asked or sent, and the message names them', () => {
    const marked = run(
      { ...initialUiState(rows, true), readOnlyWhy: 'nothing supervises this tree' },
      { kind: 'toggleMark' },
      { kind: 'toggleMark' },
    );
    const step = run(marked.state, { kind: 'control', letter: 'd' });
    expect(step.effect).toBeUndefined();
    expect(step.state.message).toBe('alpha, beta: read-only: nothing supervises this tree');
  });
});
