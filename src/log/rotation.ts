// Where a directory's current file ends (spec §4.5, DESIGN): a file is rotated at a line end once
// it is past size − 2000 bytes, and no file ever exceeds size. Exact points need not match
// multilog's (they depend on its read sizes); these rules must.

const NEWLINE = 10;
export const LINE_END_WINDOW = 2000;

export interface WriteStep {
  /** Rotate before writing anything (current is full). */
  rotateFirst: boolean;
  /** How many bytes of data[start, end) to write now. */
  length: number;
}

/** The next write into a current file holding `bytes`, of at most data[start, end). */
export function planWrite(
  bytes: number,
  size: number,
  data: Buffer,
  start: number,
  end: number,
): WriteStep {
  if (bytes >= size) return { rotateFirst: true, length: 0 };
  let length = Math.min(end - start, size - bytes);
  const threshold = size - LINE_END_WINDOW;
  if (bytes + length >= threshold) {
    // The first line end that takes current past the threshold; failing that, the last line end
    // in reach (the line after it will not fit and is cut at size).
    const from = start + Math.max(0, threshold - bytes - 1);
    const first = data.indexOf(NEWLINE, from);
    if (first >= 0 && first < start + length) length = first + 1 - start;
    else {
      const last = data.lastIndexOf(NEWLINE, start + length - 1);
      if (last >= start) length = last + 1 - start;
    }
  }
  return { rotateFirst: false, length };
}

/** After a write ending with `lastByte`, whether current is done. */
export function rotateAfter(bytes: number, size: number, lastByte: number | undefined): boolean {
  return bytes >= size - LINE_END_WINDOW && lastByte === NEWLINE;
}
