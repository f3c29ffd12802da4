// The table's rows are drawn again only when something they show can have changed: the row, the
// columns, the mark, or the clock reaching the moment the TIME text or the freshness colour
// changes. Whatever was kept, each line is the one rowLine draws at that moment.
import { describe, expect, it } from 'vitest';
import { layoutColumns } from '../../src/screen/columns.js';
import { makePalette } from '../../src/screen/palette.js';
import { rowLine, tableLines } from '../../src/screen/table.js';
import { plain } from '../../src/screen/spans.js';
import type { ServiceRow } from '../../src/store/model.js';
import { id, NOW, up } from '../console/fake-source.js';

const palette = makePalette(false);
const columns = layoutColumns(100, { name: 8 });
const row = (name: string, sinceMs: number): ServiceRow => ({
  id: id(name),
  name,
  restarts: 0,
  observation: up(100, sinceMs),
});
const lines = (rows: ServiceRow[], nowMs: number, selected = rows[0]!.id) =>
  tableLines({ rows, columns, selected, height: 5, nowMs, palette, focused: true, filter: '' });

describe('table rows over time', () => {
  it('a row whose TIME turns over is drawn anew; one that did not change is the same line', () => {
    const young = row('young', NOW - 59_500); // 59s, 1m00s half a second later
    const old = row('old', NOW - 3 * 86_400_000); // 3d00h for the next hour
    const first = lines([young, old], NOW);
    const later = lines([young, old], NOW + 600);
    expect(plain(first[1]!)).toMatch(/young +up +100 +59s/);
    expect(plain(later[1]!)).toMatch(/young +up +100 +1m00s/);
    expect(later[2]).toBe(first[2]); // kept: nothing it shows changed
    for (const [i, r] of [young, old].entries())
      expect(plain(later[i + 1]!)).toBe(plain(rowLine(r, columns, NOW + 600, palette)));
  });

  it('the freshness colour changes at 5 s: the row is drawn again then', () => {
    const fresh = row('fresh', NOW - 4_900);
    const before = lines([fresh], NOW, id('none'));
    const after = lines([fresh], NOW + 200, id('none'));
    expect(after[1]).not.toEqual(before[1]);
    expect(after[1]).toEqual(rowLine(fresh, columns, NOW + 200, palette));
  });
});
