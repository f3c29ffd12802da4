// Where the window lands after a move, as data in and data out: a Move (tail, top, stay at an
// anchor, up or down by some lines) and a TimelineReader give the lines to show and whether the
// view follows the end. All the paging rules live here:
//   up    — `by` lines earlier; at the top it stays; from the tail of a short log it keeps
//           following.
//   down  — `by` lines later; when fewer than a window's worth remain, the tail, following.
//   stay  — the anchor's lines again (after a change on disk); a file deleted under it maps to
//           the next one; a position emptied by truncation falls back to the tail.
import type { LogLine, TimelineReader } from './reader.js';
import { mapPosition } from './segments.js';
import type { LogPosition } from './types.js';

export type Move =
  | { kind: 'tail' }
  | { kind: 'top' }
  | { kind: 'stay'; at: LogPosition | undefined }
  | { kind: 'up'; from: LogPosition | undefined; by: number; following: boolean }
  | { kind: 'down'; from: LogPosition | undefined; by: number };

export interface Placement {
  lines: LogLine[];
  following: boolean;
  /** Set when the position's file was gone. */
  note?: string;
}

export function place(reader: TimelineReader, move: Move, rows: number): Placement {
  switch (move.kind) {
    case 'tail':
      return { lines: tailLines(reader, rows), following: true };
    case 'top':
      return { lines: reader.from(0, 0, rows), following: false };
    case 'stay': {
      const at = locate(reader, move.at);
      const lines = at ? reader.from(at.index, at.offset, rows) : reader.from(0, 0, rows);
      if (lines.length > 0 || reader.segments.length === 0) {
        return { lines, following: false, note: at?.note };
      }
      return { lines: tailLines(reader, rows), following: true };
    }
    case 'up': {
      const at = move.from ? locate(reader, move.from) : { ...reader.end(), note: undefined };
      if (!at) return { lines: [], following: move.following };
      const note = at.note;
      const back = reader.before(at.index, at.offset, move.by);
      const first = back[0];
      if (!first) {
        if (move.following) return { lines: tailLines(reader, rows), following: true };
        return { lines: reader.from(at.index, at.offset, rows), following: false, note };
      }
      return { lines: reader.from(first.index, first.start, rows), following: false, note };
    }
    case 'down': {
      const at = locate(reader, move.from);
      if (!at) return { lines: tailLines(reader, rows), following: true };
      const ahead = reader.from(at.index, at.offset, move.by + rows);
      if (ahead.length >= move.by + rows) {
        return { lines: ahead.slice(move.by), following: false, note: at.note };
      }
      return { lines: tailLines(reader, rows), following: true, note: at.note };
    }
  }
}

function tailLines(reader: TimelineReader, rows: number): LogLine[] {
  const end = reader.end();
  return end.index < 0 ? [] : reader.before(end.index, end.offset, rows);
}

/** The position on the reader's listing, with a note when its file is gone. */
function locate(reader: TimelineReader, position: LogPosition | undefined) {
  if (!position) return undefined;
  const mapped = mapPosition(position, reader.segments);
  if (!mapped) return undefined;
  const note = mapped.moved
    ? `${position.name} is gone (retention?): showing what follows`
    : undefined;
  return { index: mapped.index, offset: mapped.offset, note };
}
