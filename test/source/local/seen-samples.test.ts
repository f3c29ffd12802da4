// The console's own samples for the service view where no supervisor keeps a history: only
// /proc samples are kept, per service, oldest first, the ring wrapping at its capacity.
import { describe, expect, it } from 'vitest';
import { SeenSamples } from '../../../src/source/local/seen-samples.js';
import { localId } from '../../../src/source/local/index.js';
import type { ResourceSample } from '../../../src/source/port.js';

const a = localId('a');
const b = localId('b');

function sample(id: typeof a, cpu: number | undefined, from: 'proc' | 'history'): ResourceSample {
  return {
    id,
    resources: {
      pid: 7,
      rssKB: 1000 + (cpu ?? 0),
      processes: 1,
      threads: 1,
      from,
      ...(cpu === undefined ? {} : { cpuPercent: cpu }),
    },
  };
}

describe('SeenSamples', () => {
  it('keeps /proc samples per service, oldest first, and wraps at its capacity', () => {
    const seen = new SeenSamples(3);
    seen.record([sample(a, undefined, 'proc'), sample(b, 50, 'history'), { id: b }], 10_000);
    for (let i = 1; i <= 3; i++) seen.record([sample(a, i * 10.25, 'proc')], 10_000 + i * 2000);
    expect(seen.points(a)).toEqual([
      { atMs: 12_000, cpuPercent: 10.3, rssKB: 1010.25 },
      { atMs: 14_000, cpuPercent: 20.5, rssKB: 1020.5 },
      { atMs: 16_000, cpuPercent: 30.8, rssKB: 1030.75 },
    ]);
    expect(seen.points(b)).toEqual([]);
  });

  it('a first look without a CPU figure keeps the memory', () => {
    const seen = new SeenSamples();
    seen.record([sample(a, undefined, 'proc')], 4000);
    expect(seen.points(a)).toEqual([{ atMs: 4000, rssKB: 1000 }]);
  });
});
