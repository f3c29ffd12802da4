import { describe, expect, it } from 'vitest';
import { mergeLines, type MergeItem } from '../../src/logview/merge/merge-order.js';
import { interleaveMarkers, restartMarkers } from '../../src/logview/merge/restart-markers.js';
import type { HealthEvent } from '../../src/health/event.js';

interface Line extends MergeItem {
  text: string;
}
const line = (source: number, at: number | undefined, text: string): Line => ({ source, at, text });
const texts = (lines: Line[]) => lines.map((l) => l.text);

describe('merge order', () => {
  it('interleaves by instant', () => {
    const a = [line(0, 1, 'a1'), line(0, 4, 'a4')];
    const b = [line(1, 2, 'b2'), line(1, 3, 'b3'), line(1, 5, 'b5')];
    expect(texts(mergeLines([a, b]))).toEqual(['a1', 'b2', 'b3', 'a4', 'b5']);
  });
  it('keeps the services order for equal instants, and each log its own order', () => {
    const a = [line(0, 7, 'a-first'), line(0, 7, 'a-second')];
    const b = [line(1, 7, 'b-first'), line(1, 7, 'b-second')];
    expect(texts(mergeLines([b, a].map((l, s) => l.map((x) => ({ ...x, source: s })))))).toEqual([
      'b-first',
      'b-second',
      'a-first',
      'a-second',
    ]);
    expect(texts(mergeLines([a, b]))).toEqual(['a-first', 'a-second', 'b-first', 'b-second']);
  });
  it('keeps unstamped lines under the stamped line before them', () => {
    const a = [
      line(0, 1, 'a: panic'),
      line(0, undefined, '  frame 1'),
      line(0, undefined, '  frame 2'),
      line(0, 9, 'a9'),
    ];
    const b = [line(1, 1, 'b1'), line(1, 2, 'b2')];
    expect(texts(mergeLines([a, b]))).toEqual([
      'a: panic',
      '  frame 1',
      '  frame 2',
      'b1',
      'b2',
      'a9',
    ]);
  });
  it('puts the unstamped lines a log starts with before its first stamped line', () => {
    const a = [line(0, undefined, 'banner'), line(0, 5, 'a5')];
    const b = [line(1, 3, 'b3'), line(1, 6, 'b6')];
    expect(texts(mergeLines([a, b]))).toEqual(['b3', 'banner', 'a5', 'b6']);
  });
  it('keeps a log whose clock stepped back in its own order', () => {
    const a = [line(0, 10, 'a10'), line(0, 2, 'a2-after-step')];
    const b = [line(1, 5, 'b5')];
    expect(texts(mergeLines([a, b]))).toEqual(['b5', 'a10', 'a2-after-step']);
  });
  it('reads the same when merged from pieces (a window read twice)', () => {
    const a = [1, 3, 3, 8].map((t, i) => line(0, t, `a${i}`));
    const b = [2, 3, 9].map((t, i) => line(1, t, `b${i}`));
    const whole = texts(mergeLines([a, b]));
    const head = texts(mergeLines([a.slice(0, 2), b.slice(0, 1)]));
    expect(whole.slice(0, head.length)).toEqual(head);
  });
});

const event = (
  time: string,
  kind: HealthEvent['kind'],
  extra: Partial<HealthEvent> = {},
): HealthEvent => ({
  time,
  service: 'crashy',
  kind,
  text: kind,
  ...extra,
});

describe('restart markers', () => {
  const events = [
    event('2026-11-30T10:00:00.000Z', 'start'),
    event('2026-11-30T10:00:05.000Z', 'exit', { code: 1 }),
    event('2026-11-30T10:00:06.000Z', 'start'),
    event('2026-11-30T10:01:00.000Z', 'exit', { signal: 'SIGKILL' }),
    event('2026-11-30T10:05:00.000Z', 'stop'),
  ];
  it('says what happened, restarted when a start follows', () => {
    const markers = restartMarkers(events, 'crashy');
    expect(markers.map((m) => m.text.slice(26))).toEqual([
      '── crashy exited 1, restarted ──',
      '── crashy killed by SIGKILL ──',
      '── crashy stopped ──',
    ]);
    expect(markers[0]!.at).toBe(Date.parse('2026-11-30T10:00:05.000Z') * 1000);
    expect(markers[0]!.text).toMatch(/^@4000000[0-9a-f]{17} /);
  });
  it('places markers among a window by time, keeping it rows long', () => {
    const markers = [
      { at: 15, text: 'M15' },
      { at: 40, text: 'M40' },
    ];
    const at = (l: string) => (l.startsWith('t') ? Number(l.slice(1)) : undefined);
    const lines = ['t10', 't20', 'cont', 't30'];
    expect(interleaveMarkers(lines, markers, at, false, 10)).toEqual({
      lines: ['t10', 'M15', 't20', 'cont', 't30'],
      markerRows: [1],
      rowOf: [0, 2, 3, 4],
    });
    const following = interleaveMarkers(lines, markers, at, true, 4);
    expect(following.lines).toEqual(['t20', 'cont', 't30', 'M40']);
    expect(following.rowOf).toEqual([-1, 0, 1, 2]);
  });
});
