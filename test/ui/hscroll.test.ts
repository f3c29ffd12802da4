// Long log lines can be read: the pane scrolls sideways by half its width (← → h l), says how far
// in its title ("+40 cols"), and G brings it back to the left with the tail.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nextOffset, shiftLine } from '../../src/console/hscroll.js';
import { LogFeed } from '../../src/console/log-feed.js';
import { UTC_ZONE } from '../../src/time/zone.js';
import { keyToIntent } from '../../src/ui/keymap.js';
import { initialUiState } from '../../src/store/ui-state.js';

describe('shiftLine', () => {
  it('shows the columns from the offset, with … when more follows', () => {
    const line = 'abcdefghijklmnopqrstuvwxyz';
    expect(shiftLine(line, 10, 5)).toBe('klmn…');
    expect(shiftLine(line, 20, 10)).toBe('uvwxyz');
    expect(shiftLine(line, 30, 10)).toBe('');
  });
  it('a wide character cut by an edge becomes a space, never half a glyph', () => {
    expect(shiftLine('ab漢字cd', 3, 4)).toBe(' 字…');
    expect(shiftLine('ab漢字cd', 3, 5)).toBe(' 字cd');
    expect(shiftLine('ab漢字cd', 0, 3)).toBe('ab…');
  });
  it('moves by half the width, no further than the end of the longest line', () => {
    expect(nextOffset(0, 1, 80, 200)).toBe(40);
    expect(nextOffset(120, 1, 80, 200)).toBe(160);
    expect(nextOffset(160, 1, 80, 200)).toBe(160);
    expect(nextOffset(0, 1, 80, 70)).toBe(0);
    expect(nextOffset(40, -1, 80, 200)).toBe(0);
  });
});

describe('the log pane sideways', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('→ shows the rest of a cut line and "+40 cols"; G goes back left', () => {
    dir = mkdtempSync(join(tmpdir(), 'svtui-hs-'));
    const service = join(dir, 'alpha');
    mkdirSync(join(service, 'log/main'), { recursive: true });
    const tail = 'THE-END-OF-THE-LINE';
    const long = `start ${'x'.repeat(90)} ${tail}`;
    writeFileSync(join(service, 'log/main/current'), `short line\n${long}\n`);
    const feed = new LogFeed({ dirOf: () => service, zones: [UTC_ZONE] });
    try {
      feed.show({ selected: 'alpha', zone: 'UTC', logWidth: 80, logHeight: 10 });
      const pane = () => feed.pane.getSnapshot();
      expect(pane().lines.join('\n')).toContain('bytes]');
      expect(pane().lines.join('\n')).not.toContain(tail);
      expect(pane().where).toBe('following');
      const intent = keyToIntent(initialUiState(['alpha']), '', { rightArrow: true });
      expect(intent).toEqual({ kind: 'log', op: 'right' });
      feed.move('right');
      expect(pane().where).toBe('following · +40 cols');
      expect(pane().lines.join('\n')).toContain(tail);
      expect(pane().lines.every((l) => l.length <= 80)).toBe(true);
      feed.move('right'); // the end is in view already: no further
      expect(pane().where).toBe('following · +40 cols');
      feed.move('follow');
      expect(pane().where).toBe('following');
      expect(pane().lines[0]).toBe('short line');
    } finally {
      feed.close();
    }
  });
});
