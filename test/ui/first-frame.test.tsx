// The plain first frame drawn before Ink loads must be the very screen Ink draws next: same
// characters on every row, at 120×40, 80×24 and 40×15, with and without colour — both are drawn
// from the one screen model.
import { afterEach, describe, expect, it } from 'vitest';
import { screenToAnsi } from '../../src/screen/ansi.js';
import { screenLines } from '../../src/screen/screen.js';
import { App } from '../../src/ui/App.js';
import { plain, renderAt, type Screen } from './harness.js';
import { consoleParts } from './mount.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

describe('first frame', () => {
  for (const [columns, rows] of [
    [120, 40],
    [80, 24],
    [40, 15],
  ] as const) {
    for (const noColor of [true, false]) {
      it(`matches Ink's first frame at ${columns}×${rows}${noColor ? ' (NO_COLOR)' : ''}`, async () => {
        const { controller } = await consoleParts(columns, rows, { noColor });
        const bytes = screenToAnsi(screenLines(controller.getScreen()));
        screen = renderAt(<App console={controller} />, columns, rows);
        const ink = screen.lines().map((l) => plain(l).trimEnd());
        expect(bytes.startsWith('\x1b[H') && bytes.endsWith('\x1b[H')).toBe(true);
        const mine = plain(bytes)
          .split('\r\n')
          .map((l) => l.trimEnd());
        expect(mine).toEqual(ink);
        expect(mine).toHaveLength(rows - 1);
        // Not only the characters: Ink writes each row's very bytes, colours included.
        const row = (l: string) => l.replace(/\x1b\[K$/, '').trimEnd(); // eslint-disable-line no-control-regex
        const styled = bytes.slice(3, -3).split('\r\n').map(row);
        expect(screen.styledLines().map(row)).toEqual(styled);
      });
    }
  }

  it('colours the state column, and marks the selected row inverse', async () => {
    const { controller } = await consoleParts(120, 40, { noColor: false });
    const bytes = screenToAnsi(screenLines(controller.getScreen()));
    expect(bytes).toContain('\x1b[7;32mup'); // alpha: selected (inverse), up (green)
    expect(bytes).toContain('\x1b[90mdown'); // gamma: down as wanted (grey)
  });
});
