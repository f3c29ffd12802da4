// Test helper: the stream decoder run in-process over a Buffer, in chunks of a chosen size.
import { LabelStreamDecoder } from '../../src/time/stream-decoder.js';
import { resolveZone } from '../../src/time/zone.js';

/** Run the stream decoder over `input` read `chunk` bytes at a time. */
export function streamDecode(input: Buffer, tz: string, chunk = 1 << 16): Buffer {
  const parts: Buffer[] = [];
  const decoder = new LabelStreamDecoder(
    resolveZone(tz).zone,
    (bytes, start, end) => parts.push(Buffer.from(bytes.subarray(start, end))),
    chunk,
  );
  for (let at = 0; at < input.length; at += chunk) {
    const n = input.copy(decoder.mem, 0, at, Math.min(at + chunk, input.length));
    decoder.decode(n);
  }
  decoder.finish();
  return Buffer.concat(parts);
}
