import { describe, expect, it } from 'vitest';
import { formatLabel } from '../../src/codec/tai64n.js';
import { LabelMaker } from '../../src/log/label.js';
import { nanoClock } from '../../src/log/node-fs.js';

describe('labels', () => {
  it('formats as the codec does, reusing the seconds between calls', () => {
    const maker = new LabelMaker();
    for (const time of [
      { seconds: 1363658945n, nanoseconds: 347785500 },
      { seconds: 1363658945n, nanoseconds: 0 },
      { seconds: 1363658946n, nanoseconds: 999999999 },
      { seconds: 0n, nanoseconds: 1 },
    ]) {
      expect(maker.labelFor(time).toString('latin1')).toBe(`${formatLabel(time)} `);
    }
  });

  it('the clock follows Date.now() and never repeats', () => {
    const clock = nanoClock();
    let previous = clock();
    expect(Math.abs(Number(previous.seconds) * 1000 - Date.now())).toBeLessThan(2000);
    for (let i = 0; i < 1000; i++) {
      const next = clock();
      const later =
        next.seconds > previous.seconds ||
        (next.seconds === previous.seconds && next.nanoseconds > previous.nanoseconds);
      expect(later).toBe(true);
      previous = next;
    }
  });
});
