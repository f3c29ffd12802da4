// The log view: a window of `rows` lines over a log directory's timeline, following the end or
// anchored at a position, re-read (batched) when the directory changes. Holds only the visible
// lines; every move is a Move placed by moves.ts with a few positional reads (reader.ts).
import { performance } from 'node:perf_hooks';
import { describeError } from '../codec/errors.js';
import { nodeLogFiles, type LogFiles } from './files.js';
import { place, type Move } from './moves.js';
import { StaleListing, TimelineReader, type LogLine, type ReaderLimits } from './reader.js';
import type { Segment } from './segments.js';
import type {
  LogPosition,
  LogView,
  LogViewInfo,
  LogViewNoteCode,
  LogViewOptions,
} from './types.js';
import { watchLogDir } from './watch.js';

export interface LogViewDeps {
  files?: LogFiles;
  /** Replaces fs.watch + poll (tests); returns a stop function. */
  watch?: (dir: string, changed: () => void, pollMs: number) => () => void;
  /** A monotonic clock in ms, for batching. */
  now?: () => number;
}

export function openLogView(
  dir: string,
  options: LogViewOptions = {},
  deps: LogViewDeps = {},
): LogView {
  return new DirectoryLogView(dir, options, deps);
}

class DirectoryLogView implements LogView {
  following = true;
  private rows: number;
  private segments: Segment[];
  private window: LogLine[] = [];
  private texts: string[] = [];
  /** The first line's position, kept while the window is empty too. */
  private anchor: LogPosition | undefined;
  private note = '';
  private noteCode: LogViewNoteCode = 'none';
  private readonly files: LogFiles;
  private readonly limits: ReaderLimits;
  private readonly listeners = new Set<() => void>();
  private readonly batchMs: number;
  private readonly now: () => number;
  private lastRefresh = -Infinity;
  private readonly readWhenAsked: boolean;
  /** A change was seen and not read yet (readWhenAsked). */
  private stale = false;
  private timer: NodeJS.Timeout | undefined;
  private stopWatching: (() => void) | undefined;

  constructor(
    private readonly dir: string,
    options: LogViewOptions,
    deps: LogViewDeps,
  ) {
    this.files = deps.files ?? nodeLogFiles();
    this.now = deps.now ?? (() => performance.now());
    this.rows = Math.max(1, options.rows ?? 24);
    this.batchMs = options.batchMs ?? 20;
    this.readWhenAsked = options.readWhenAsked ?? false;
    const maxLineBytes = Math.max(64, options.maxLineBytes ?? 4096);
    this.limits = {
      maxLineBytes,
      windowBytes: 64 * 1024,
      scanLimit: Math.max(1 << 20, maxLineBytes * 4),
    };
    this.segments = this.files.list(dir);
    if (options.restore) this.restore(options.restore);
    else this.apply({ kind: 'tail' });
    if (options.watch ?? true) {
      const watch = deps.watch ?? watchLogDir;
      this.stopWatching = watch(dir, () => this.schedule(), options.pollMs ?? 80);
    }
  }

  lines(): readonly string[] {
    this.catchUp();
    return this.texts;
  }

  tail(rows = this.rows): void {
    this.catchUp();
    this.setRows(rows);
    this.apply({ kind: 'tail' });
  }

  top(rows = this.rows): void {
    this.catchUp();
    this.setRows(rows);
    this.apply({ kind: 'top' });
  }

  pageUp(rows = this.rows): void {
    this.scroll(-rows, rows);
  }

  pageDown(rows = this.rows): void {
    this.scroll(rows, rows);
  }

  scroll(delta: number, rows = this.rows): void {
    this.catchUp();
    this.setRows(rows);
    const from = this.position();
    if (delta < 0) this.apply({ kind: 'up', from, by: -delta, following: this.following });
    else if (delta > 0 && !this.following) this.apply({ kind: 'down', from, by: delta });
  }

  resize(rows: number): void {
    this.catchUp();
    if (Math.max(1, rows) === this.rows) return;
    this.setRows(rows);
    this.apply(this.stay());
  }

  positions(): readonly LogPosition[] {
    return this.window.map((l) => ({ fileId: l.fileId, name: l.name, offset: l.start }));
  }

  position(): LogPosition | undefined {
    const first = this.window[0];
    return first ? { fileId: first.fileId, name: first.name, offset: first.start } : this.anchor;
  }

  restore(position: LogPosition): void {
    this.catchUp();
    this.apply({ kind: 'stay', at: position });
  }

  info(): LogViewInfo {
    this.catchUp();
    const first = this.window[0];
    const total = this.segments.reduce((sum, s) => sum + s.size, 0);
    const index = first ? this.segments.findIndex((s) => s.id === first.fileId) : -1;
    const before = this.segments.slice(0, Math.max(0, index)).reduce((sum, s) => sum + s.size, 0);
    const offset = first?.start ?? 0;
    return {
      dir: this.dir,
      following: this.following,
      atTop: index <= 0 && offset === 0,
      file: first?.name,
      fileIndex: index,
      fileCount: this.segments.length,
      offset,
      size: index >= 0 ? this.segments[index]!.size : 0,
      fraction: total > 0 ? Math.min(1, (before + offset) / total) : 1,
      note: this.note,
      noteCode: this.noteCode,
    };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  refresh(): void {
    this.stale = false;
    this.read(true);
  }

  /** Re-read the listing and the window; tell the listeners only if `tell` and it changed. */
  private read(tell: boolean): void {
    const shown = this.texts;
    const listing = signature(this.segments);
    this.segments = this.files.list(this.dir);
    if (signature(this.segments) === listing && shown.length > 0) return;
    this.apply(this.stay(), true);
    if (!tell) return;
    if (!sameLines(shown, this.texts) || signature(this.segments) !== listing) this.notify();
  }

  /** With readWhenAsked: read the change that was announced, without announcing it again. */
  private catchUp(): void {
    if (!this.stale) return;
    this.stale = false;
    this.lastRefresh = this.now();
    this.read(false);
  }

  close(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private setNote(code: LogViewNoteCode, text: string): void {
    this.noteCode = code;
    this.note = text;
  }

  private setRows(rows: number): void {
    this.rows = Math.max(1, rows);
  }

  /** The move that shows the same place again. */
  private stay(): Move {
    return this.following ? { kind: 'tail' } : { kind: 'stay', at: this.position() };
  }

  /** Place a move on the listing, listing again when a file moved under it. */
  private apply(move: Move, keepNote = false): void {
    for (let attempt = 0; ; attempt++) {
      const reader = new TimelineReader(this.files, this.dir, this.segments, this.limits);
      try {
        const placed = place(reader, move, this.rows);
        this.segments = reader.segments;
        this.following = placed.following;
        this.setWindow(placed.lines);
        if (placed.note) this.setNote('moved', placed.note);
        else if (this.segments.length === 0) this.setNote('no-files', 'no log files yet');
        else if (!keepNote) this.setNote('none', '');
        return;
      } catch (error) {
        if (!(error instanceof StaleListing) || attempt >= 3) {
          this.setNote('unreadable', `unable to read ${this.dir}: ${describe(error)}`);
          this.setWindow([]);
          return;
        }
        this.segments = this.files.list(this.dir);
      } finally {
        reader.close();
      }
    }
  }

  private setWindow(lines: LogLine[]): void {
    this.window = lines;
    this.texts = lines.map((l) => l.text);
    this.anchor = this.position();
  }

  /**
   * Throttle with a leading edge: the first change after a quiet spell is read 2 ms later (a
   * logger's burst of writes lands in one read); then at most one read per `batchMs`.
   */
  private schedule(): void {
    if (this.readWhenAsked) {
      if (this.stale) return;
      this.stale = true;
      return this.notify();
    }
    if (this.timer) return;
    const wait = Math.max(2, this.lastRefresh + this.batchMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastRefresh = this.now();
      this.refresh();
    }, wait);
    this.timer.unref();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function signature(segments: readonly Segment[]): string {
  return segments.map((s) => `${s.id}/${s.size}`).join(' ');
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

function describe(error: unknown): string {
  return error instanceof StaleListing ? error.message : describeError(error);
}
