// The one TAI64N label writer (src/codec/tai64n.ts), pure: the text form is the 12 packed bytes
// in lowercase hex after `@`, wherever it is written.
import { describe, expect, it } from 'vitest';
import {
  formatLabel,
  packTai64n,
  parseLabel,
  writeLabel,
  type Tai64nTime,
} from '../../src/codec/tai64n.js';

const times: Tai64nTime[] = [
  { seconds: 0n, nanoseconds: 0 },
  { seconds: 1_700_000_000n, nanoseconds: 123_456_789 },
  { seconds: -1n, nanoseconds: 999_999_999 },
  { seconds: (1n << 62n) - 11n, nanoseconds: 0xffffffff },
  { seconds: 4_294_967_296n, nanoseconds: 1 },
];

describe('writeLabel', () => {
  it('writes `@` and the packed bytes in hex, at any offset', () => {
    for (const time of times) {
      const expected = `@${packTai64n(time).toString('hex')}`;
      expect(formatLabel(time)).toBe(expected);
      const buffer = Buffer.alloc(30, '.');
      writeLabel(buffer, 3, time);
      expect(buffer.toString('latin1')).toBe(`...${expected}..`);
    }
  });
  it('reads back what it writes', () => {
    expect(parseLabel(formatLabel(times[1]!))).toEqual(times[1]);
  });
});
