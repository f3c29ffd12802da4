// Long log lines can be read: the pane scrolls sideways by half its width (← → h l), says how far
// in its title ("+40 cols"), and G brings it back to the left with the tail.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleController } from '../../src/console/controller.js';
import { shiftLine } from '../../src/screen/hscroll.js';
import { screenLines } from '../../src/screen/screen.js';
import { plain } from '../../src/screen/spans.js';
import { LocalSource } from '../../src/source/local/index.js';
import { MessageStore } from '../../src/store/message-store.js';
import { ServiceStore } from '../../src/store/service-store.js';
import { nextOffset } from '../../src/store/ui-state.js';
import { UTC_ZONE } from '../../src/time/zone.js';

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

  it('→ shows the rest of a cut line and "+40 cols"; G goes back left; short lines stay as blank rows', async () => {
    dir = mkdtempSync(join(tmpdir(), 'svtui-hs-'));
    const service = join(dir, 'alpha');
    mkdirSync(join(service, 'log/main'), { recursive: true });
    const tail = 'THE-END-OF-THE-LINE';
    const long = `start ${'x'.repeat(90)} ${tail}`;
    writeFileSync(join(service, 'log/main/current'), `short line\n${long}\nafter\n`);
    const source = new LocalSource(dir, { explicit: false });
    const services = new ServiceStore((f) => f());
    services.setServices(await source.list());
    const controller = new ConsoleController({
      source,
      services,
      messages: new MessageStore(),
      access: { mode: 'attached', readOnly: false },
      zones: [UTC_ZONE],
      noColor: true,
      now: () => 0,
      size: { columns: 80, rows: 24 },
      tickMs: 0,
      onQuit: () => undefined,
    });
    try {
      await controller.start();
      const text = () => screenLines(controller.getScreen()).map(plain);
      const pane = () => text().slice(text().findIndex((l) => l.includes(' log alpha/log/main ')));
      expect(pane()[0]).toContain(' following · UTC');
      expect(pane().join('\n')).toContain('bytes]');
      expect(pane().join('\n')).not.toContain(tail);
      controller.keys('', { rightArrow: true });
      expect(pane()[0]).toContain(' following · +40 cols · UTC');
      expect(pane().join('\n')).toContain(tail);
      // Rows still match log lines: the short ones are blank, not dropped.
      expect(pane().slice(1, 4)).toEqual(['', expect.stringContaining(tail), '']);
      expect(text().every((l) => l.length <= 80)).toBe(true);
      controller.keys('l', {}); // the end is in view already: no further
      expect(pane()[0]).toContain(' following · +40 cols · UTC');
      controller.keys('\t', { tab: true });
      controller.keys('G', {});
      expect(pane()[0]).toContain(' following · UTC');
      expect(pane()[1]).toBe('short line');
    } finally {
      await controller.close();
      await source.close();
    }
  });
});
