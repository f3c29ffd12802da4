// The block charts: slices keep each slice's peak and leave unmeasured slices empty, round tops
// sit just above the peak, and the rows draw eighths — a measured zero blank, a little at least ▁,
// nothing measured a dotted baseline.
import { describe, expect, it } from 'vitest';
import { blockRows, niceCeiling, slices } from '../../src/screen/chart.js';

describe('slices', () => {
  it('each column holds the highest value of its slice of the span', () => {
    const points = [
      { atMs: 0, value: 1 },
      { atMs: 10, value: 5 },
      { atMs: 20, value: 2 },
      { atMs: 60, value: undefined },
      { atMs: 99, value: 7 },
      { atMs: 100, value: 3 }, // the span's end falls in the last column
      { atMs: 101, value: 9 }, // after the span
    ];
    expect(slices(points, 0, 100, 4)).toEqual([5, undefined, undefined, 7]);
  });

  it('slices with nothing in them are drawn as not measured', () => {
    const few = slices([{ atMs: 90, value: 4 }], 0, 100, 5);
    expect(blockRows(few, 2, 4)).toEqual(['    █', '····█']);
  });
});

describe('niceCeiling', () => {
  it('picks a round top at or just above the peak', () => {
    expect(niceCeiling(95)).toBe(100);
    expect(niceCeiling(100)).toBe(100);
    expect(niceCeiling(107.5)).toBe(120);
    expect(niceCeiling(0.3)).toBe(1);
    expect(niceCeiling(0.3, 0.1)).toBe(0.3);
    expect(niceCeiling(0.11, 0.1)).toBe(0.12);
    expect(niceCeiling(2600)).toBe(3000);
    expect(niceCeiling(0)).toBe(1);
  });
});

describe('blockRows', () => {
  it('draws eighths of a row, top row first', () => {
    expect(blockRows([0, 1, 2, 4, 8, 16], 2, 16)).toEqual(['     █', ' ▁▂▄██']);
  });

  it('a small value shows at least ▁; a measured zero is blank; no measurement is dotted', () => {
    expect(blockRows([0.001, 0, undefined], 2, 100)).toEqual(['   ', '▁ ·']);
  });

  it('a value above the top is drawn full, never past it', () => {
    expect(blockRows([250], 3, 100)).toEqual(['█', '█', '█']);
  });
});
