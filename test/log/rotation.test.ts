import { describe, expect, it } from 'vitest';
import { expiredFiles } from '../../src/log/retention.js';
import { planWrite, rotateAfter } from '../../src/log/rotation.js';

/** Simulate appending `data` to a directory of size `size`: the sizes of the files produced. */
function simulate(data: Buffer, size: number): number[] {
  const files: number[] = [];
  let bytes = 0;
  let start = 0;
  while (start < data.length) {
    const step = planWrite(bytes, size, data, start, data.length);
    if (step.rotateFirst) {
      files.push(bytes);
      bytes = 0;
      continue;
    }
    expect(step.length).toBeGreaterThan(0);
    bytes += step.length;
    start += step.length;
    if (rotateAfter(bytes, size, data[start - 1])) {
      files.push(bytes);
      bytes = 0;
    }
  }
  files.push(bytes);
  return files;
}

describe('rotation planning (spec §4.5)', () => {
  it('rotates at the first line end past size - 2000 and never exceeds size', () => {
    const data = Buffer.from('x'.repeat(99) + '\n').subarray(0, 100);
    const input = Buffer.concat(Array.from({ length: 200 }, () => data));
    const files = simulate(input, 4096);
    expect(files.slice(0, -1).every((f) => f === 2100)).toBe(true);
    expect(files.reduce((a, b) => a + b, 0)).toBe(20000);
  });

  it('cuts a line longer than the file at size', () => {
    const input = Buffer.from('a'.repeat(10000) + '\n' + 'b'.repeat(10) + '\n');
    const files = simulate(input, 4096);
    expect(files).toEqual([4096, 4096, 1809 + 11]);
  });

  it('keeps lines whole when one ends inside the window', () => {
    const input = Buffer.from('a'.repeat(1000) + '\n' + 'b'.repeat(3000) + '\n' + 'c\n');
    const files = simulate(input, 4096);
    expect(files).toEqual([4002, 2]);
  });
});

describe('retention', () => {
  it('leaves at most n - 1 old files, deleting the oldest', () => {
    const names = [
      'current',
      'lock',
      'state',
      '@400000006b04a1a82324f89c.s',
      '@400000006b04a1a82324f89a.u',
      '@400000006b04a1a82324f89d.s',
      '@short',
    ];
    expect(expiredFiles(names, 3)).toEqual(['@400000006b04a1a82324f89a.u']);
    expect(expiredFiles(names, 2)).toEqual([
      '@400000006b04a1a82324f89a.u',
      '@400000006b04a1a82324f89c.s',
    ]);
    expect(expiredFiles(names, 10)).toEqual([]);
  });
});
