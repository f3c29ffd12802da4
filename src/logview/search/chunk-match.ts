// Which lines of a chunk of whole lines match a query, without decoding the chunk line by line
// where that can be avoided (pure). Offsets are relative to the chunk; a line is named by the
// offset of its first byte. Three ways, the fastest that is exact:
//   - a case-sensitive literal on UTF-8 text: a byte search for its rarest byte onwards
//     (literal.ts), the bytes before it compared, the hit kept when it lies in the message;
//   - an ASCII chunk: the query's scan expression over the chunk as one string finds candidate
//     lines, each checked with the query's test on its message;
//   - anything else (non-ASCII text with a regular expression or any case; bytes that are not
//     UTF-8): each line decoded as the pane shows it (decode.ts) and tested.
import { isAscii, isUtf8 } from 'node:buffer';
import { decodeBytes } from '../decode.js';
import { findLiteral, type LiteralNeedle } from './literal.js';
import type { SearchQuery } from './query.js';
import { messageStart } from './stamp.js';

/** A query ready for chunks: the literal's needle once prepared. */
export interface ChunkMatcher {
  query: SearchQuery;
  needle?: LiteralNeedle;
}

/** How many bytes of a line's head hold any stamp. */
const STAMP_BYTES = 48;

/** Starts of the lines of `chunk` whose message matches (`invert` is left to the caller). */
export function matchingLines(chunk: Uint8Array, matcher: ChunkMatcher): number[] {
  const { query, needle } = matcher;
  const buffer = asBuffer(chunk);
  if (needle) {
    // Bytes that are not UTF-8 show as `\xNN`: only a literal with a backslash, or one matched
    // in any case (`xe9`), could see them differently from the pane. Else no check at all.
    if (!needle.folded && !needle.bytes.includes(92)) return byLiteral(buffer, needle);
    if (isUtf8(buffer)) return byLiteral(buffer, needle);
  }
  if (isAscii(buffer)) return byScan(buffer, query);
  return byLine(buffer, query);
}

/** Which lines of a chunk count (hits, hidden lines…): their starts, ascending. */
export type LineSelector = (chunk: Uint8Array) => number[];

/** Starts of every line of the chunk. */
export function lineStarts(chunk: Uint8Array): number[] {
  const starts: number[] = [];
  let p = 0;
  while (p < chunk.length) {
    starts.push(p);
    const k = chunk.indexOf(10, p);
    if (k < 0) break;
    p = k + 1;
  }
  return starts;
}

/** How many lines the chunk holds (lineStarts(chunk).length, without the list). */
export function lineCount(chunk: Uint8Array): number {
  let count = 0;
  for (let p = chunk.indexOf(10); p >= 0; p = chunk.indexOf(10, p + 1)) count++;
  return chunk.length > 0 && chunk[chunk.length - 1] !== 10 ? count + 1 : count;
}

/** The lines of `all` that are not in `some` (both ascending). */
export function without(all: readonly number[], some: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const start of all) {
    while (j < some.length && some[j]! < start) j++;
    if (some[j] !== start) out.push(start);
  }
  return out;
}

/** Both lists merged, ascending, without repeats. */
export function union(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i] ?? Infinity;
    const y = b[j] ?? Infinity;
    const next = Math.min(x, y);
    if (x === next) i++;
    if (y === next) j++;
    out.push(next);
  }
  return out;
}

function byLiteral(chunk: Buffer, needle: LiteralNeedle): number[] {
  const starts: number[] = [];
  let from = 0;
  for (;;) {
    const hit = findLiteral(chunk, needle, from);
    if (hit < 0) return starts;
    // (A negative offset would make lastIndexOf count from the end.)
    const lineStart = hit === 0 ? 0 : chunk.lastIndexOf(10, hit - 1) + 1;
    const lineEnd = endOf(chunk, hit);
    const head = chunk.toString('latin1', lineStart, Math.min(lineEnd, lineStart + STAMP_BYTES));
    if (hit >= lineStart + messageStart(head)) {
      starts.push(lineStart);
      from = lineEnd + 1;
    } else from = hit + 1;
  }
}

/**
 * 64 KB: a piece's text is an ordinary young string, gone at the next scavenge. A 1 MB chunk's
 * text would be an external string (Node makes one above ~1,031,913 bytes), freed only when a
 * collection notices it: counting 1 GB left ~70 MB of them resident at a time (and anything from
 * 128 KB up lands in the large-object space, measured 8 times slower). Scanning 1 GB in 64 KB
 * pieces measured as fast as 1 MB external strings, at 51 MB resident instead of 124 MB.
 */
export const SCAN_PIECE_BYTES = 1 << 16;

function byScan(chunk: Buffer, query: SearchQuery): number[] {
  const starts: number[] = [];
  let from = 0;
  while (from < chunk.length) {
    // A piece ends at a line's end (a longer line is one piece of its own).
    let end = from + SCAN_PIECE_BYTES;
    if (end >= chunk.length) end = chunk.length;
    else {
      const last = chunk.lastIndexOf(10, end - 1);
      end = last >= from ? last + 1 : endOf(chunk, end) + 1;
    }
    scanPiece(chunk.toString('latin1', from, Math.min(end, chunk.length)), from, query, starts);
    from = end;
  }
  return starts;
}

function scanPiece(text: string, base: number, query: SearchQuery, starts: number[]): void {
  const { scan, test } = query;
  scan.lastIndex = 0;
  while (scan.lastIndex <= text.length) {
    const found = scan.exec(text);
    if (!found) break;
    const lineStart = text.lastIndexOf('\n', found.index - 1) + 1;
    const newline = text.indexOf('\n', found.index);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    test.lastIndex = 0;
    if (test.test(line.slice(messageStart(line)))) starts.push(base + lineStart);
    scan.lastIndex = lineEnd + 1;
  }
}

function byLine(chunk: Buffer, query: SearchQuery): number[] {
  const starts: number[] = [];
  for (const start of lineStarts(chunk)) {
    const line = decodeBytes(chunk.subarray(start, endOf(chunk, start)));
    query.test.lastIndex = 0;
    if (query.test.test(line.slice(messageStart(line)))) starts.push(start);
  }
  return starts;
}

function endOf(chunk: Buffer, at: number): number {
  const k = chunk.indexOf(10, at);
  return k < 0 ? chunk.length : k;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Where the query's hits lie in one line (UTF-16 offsets into the raw line), for highlighting. */
export function hitSpans(line: string, query: SearchQuery): Array<[number, number]> {
  if (query.invert) return [];
  const at = messageStart(line);
  const message = line.slice(at);
  const global = new RegExp(query.test.source, `${query.test.flags}g`);
  const spans: Array<[number, number]> = [];
  for (const found of message.matchAll(global)) {
    if (found[0].length === 0) continue;
    spans.push([at + found.index, at + found.index + found[0].length]);
  }
  return spans;
}

/** The lines in both lists (ascending). */
export function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]! < x) j++;
    if (b[j] === x) out.push(x);
  }
  return out;
}
