// tai64nlocal's label scan (spec §5.2): after `@`, lowercase hex digits accumulate into a 96-bit
// register (low 32 bits: nanoseconds; the 64 above: seconds, higher bits lost); the first other
// byte ends the label. Pure; works on a string line.
import { TAI_UNIX_OFFSET } from '../codec/tai64n.js';

export interface ScannedLabel {
  seconds: number | bigint; // Unix seconds: the 64-bit seconds field − (2^62 + 10), as a signed 64-bit value
  nanoseconds: number;
  end: number; // index of the first character after the hex digits
}

const MASK96 = (1n << 96n) - 1n;

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

const COMMON_FORM = /^@[0-9a-f]{24}(?![0-9a-f])/;

/** Scan the label of a line starting with `@`; undefined when the line does not start with `@`. */
export function scanLabel(line: string): ScannedLabel | undefined {
  if (line.charCodeAt(0) !== 64) return undefined;
  if (COMMON_FORM.test(line)) {
    // The usual 24 digits: plain numbers, no BigInt, when the seconds fit a double exactly.
    const top = parseInt(line.slice(1, 9), 16) - 0x40000000;
    if (top > -0x100000 && top < 0x100000) {
      const seconds = top * 4294967296 + parseInt(line.slice(9, 17), 16) - 10;
      return { seconds, nanoseconds: parseInt(line.slice(17, 25), 16), end: 25 };
    }
  }
  let end = 1;
  while (end < line.length && hexValue(line.charCodeAt(end)) >= 0) end++;
  const digits = line.slice(1, end);
  let register = 0n;
  if (digits.length > 0) {
    // Only the last 24 digits can survive the 96-bit register.
    register = BigInt(`0x${digits.length > 24 ? digits.slice(-24) : digits}`) & MASK96;
  }
  const field = register >> 32n;
  return {
    seconds: BigInt.asIntN(64, field - TAI_UNIX_OFFSET),
    nanoseconds: Number(register & 0xffffffffn),
    end,
  };
}
