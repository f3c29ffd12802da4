// Bytes of a log line → text (pure). Valid UTF-8 decodes as usual; every byte that is not part
// of a valid UTF-8 sequence (a raw C1 byte such as 0x9b, latin1 text, a truncated sequence) is
// shown as the four characters `\xNN`, so nothing is hidden and nothing can act on a terminal.
import { isUtf8 } from 'node:buffer';

export function decodeBytes(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString();
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      out += '\\x' + bytes[i]!.toString(16).padStart(2, '0');
      i += 1;
    } else {
      out += Buffer.from(bytes.buffer, bytes.byteOffset + i, length).toString();
      i += length;
    }
  }
  return out;
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  let length: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    if (b0 === 0xe0) lo = 0xa0; // no overlong forms
    if (b0 === 0xed) hi = 0x9f; // no surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f; // nothing above U+10FFFF
  } else return 0;
  if (i + length > bytes.length) return 0;
  const b1 = bytes[i + 1]!;
  if (b1 < lo || b1 > hi) return 0;
  for (let k = 2; k < length; k++) {
    const b = bytes[i + k]!;
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return length;
}

/** How many of the first `limit` bytes to keep so that no UTF-8 sequence is split. */
export function utf8Boundary(bytes: Uint8Array, limit: number): number {
  if (limit >= bytes.length) return bytes.length;
  let cut = limit;
  // Step back over continuation bytes (at most 3) to the start of the sequence at `limit`.
  for (let k = 0; k < 3 && cut > 0 && (bytes[cut]! & 0xc0) === 0x80; k++) cut--;
  return (bytes[cut]! & 0xc0) === 0x80 ? limit : cut;
}
