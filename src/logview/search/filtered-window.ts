// The window of a filtered view: `rows` of the lines the filters let through, following the end
// or anchored at a shown line, moved by counting shown lines only (less's `&`, lnav's filters).
// Moves are asynchronous — a rare filter may have to look through gigabytes for a page — and
// run in slices; a newer move supersedes one still under way. `changed` fires when a move has
// landed.
import type { LogFiles } from '../files.js';
import { mapPosition, type Segment } from '../segments.js';
import type { LogPosition } from '../types.js';
import type { Place } from './chunks.js';
import type { LineSelector } from './chunk-match.js';
import {
  collectBackward,
  collectForward,
  type CollectDeps,
  type ShownLine,
} from './shown-lines.js';

export type FilteredMove =
  | { kind: 'tail' }
  | { kind: 'top' }
  | { kind: 'at'; position: LogPosition }
  | { kind: 'by'; lines: number };

export class FilteredWindow {
  following = true;
  /** The window starts at the first shown line of the timeline. */
  atTop = false;
  lines: ShownLine[] = [];
  private generation = 0;

  constructor(
    private readonly files: LogFiles,
    private readonly dir: string,
    private readonly select: LineSelector,
    private readonly maxLineBytes: number,
    private readonly changed: () => void,
  ) {}

  /** Where the window starts. */
  position(): LogPosition | undefined {
    const first = this.lines[0];
    return first && { fileId: first.fileId, name: first.name, offset: first.start };
  }

  positions(): LogPosition[] {
    return this.lines.map((l) => ({ fileId: l.fileId, name: l.name, offset: l.start }));
  }

  /** Place a move; resolves once it landed (false: superseded by a newer move). */
  async move(move: FilteredMove, rows: number): Promise<boolean> {
    const generation = ++this.generation;
    const deps: CollectDeps = {
      files: this.files,
      dir: this.dir,
      maxLineBytes: this.maxLineBytes,
      cancelled: () => generation !== this.generation,
    };
    const segments = this.files.list(this.dir);
    const placed = await this.place(deps, segments, move, rows);
    if (!placed || generation !== this.generation) return false;
    this.lines = placed.lines;
    this.following = placed.following;
    this.atTop = placed.atTop ?? false;
    this.changed();
    return true;
  }

  /** The window again (the directory changed): the tail while following, else the same place. */
  refresh(rows: number): Promise<boolean> {
    const at = this.position();
    return this.move(this.following || !at ? { kind: 'tail' } : { kind: 'at', position: at }, rows);
  }

  cancel(): void {
    this.generation++;
  }

  private async place(
    deps: CollectDeps,
    segments: readonly Segment[],
    move: FilteredMove,
    rows: number,
  ): Promise<{ lines: ShownLine[]; following: boolean; atTop?: boolean } | undefined> {
    const tail = async () => {
      const lines = await collectBackward(deps, segments, this.select, undefined, rows);
      return lines && { lines, following: true };
    };
    const fromPlace = async (place: Place) => {
      const lines = await collectForward(deps, segments, this.select, place, rows);
      if (!lines) return undefined;
      return lines.length < rows ? tail() : { lines, following: false };
    };
    switch (move.kind) {
      case 'tail':
        return tail();
      case 'top': {
        const placed = await fromPlace({ index: 0, offset: 0 });
        return placed && { ...placed, atTop: true };
      }
      case 'at': {
        const mapped = mapPosition(move.position, segments);
        return mapped ? fromPlace(mapped) : tail();
      }
      case 'by': {
        const at = this.position();
        const mapped = at && mapPosition(at, segments);
        if (!mapped) return tail();
        if (move.lines < 0) {
          if (this.following && this.lines.length < rows) return tail();
          const back = await collectBackward(deps, segments, this.select, mapped, -move.lines);
          if (!back) return undefined;
          const first = back[0];
          const placed = await fromPlace(
            first ? { index: first.index, offset: first.start } : mapped,
          );
          return placed && { ...placed, atTop: back.length < -move.lines };
        }
        if (this.following) return tail();
        const ahead = await collectForward(deps, segments, this.select, mapped, move.lines + rows);
        if (!ahead) return undefined;
        if (ahead.length < move.lines + rows) return tail();
        return { lines: ahead.slice(move.lines), following: false };
      }
    }
  }
}
