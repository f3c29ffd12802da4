// The log view: a window of `rows` lines over a log directory's timeline, following the end or
// anchored at a position, re-read (batched) when the directory changes. Holds only the visible
// lines; every move is a few positional reads (see reader.ts).
import { performance } from 'node:perf_hooks';
import { describeError } from '../codec/errors.js';
import type { LogFiles } from './files.js';
import { nodeLogFiles } from './files.js';
import { TimelineReader, StaleListing, type LogLine, type ReaderLimits } from './reader.js';
import { mapPosition, type Segment } from './segments.js';
import type { LogPosition, LogView, LogViewInfo, LogViewOptions } from './types.js';
import { watchLogDir } from './watch.js';

export interface LogViewDeps {
  files?: LogFiles;
  /** Replaces fs.watch + poll (tests); returns a stop function. */
  watch?: (dir: string, changed: () => void, pollMs: number) => () => void;
  /** A monotonic clock in ms, for batching. */
  now?: () => number;
}

export function openLogView(dir: string, options: LogViewOptions = {}, deps: LogViewDeps = {}) {
  return new DirectoryLogView(dir, options, deps) as LogView;
}

class DirectoryLogView implements LogView {
  following = true;
  private rows: number;
  private segments: Segment[] = [];
  private window: LogLine[] = [];
  private texts: string[] = [];
  private anchor: LogPosition | undefined;
  private note = '';
  private readonly files: LogFiles;
  private readonly limits: ReaderLimits;
  private readonly listeners = new Set<() => void>();
  private readonly batchMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopWatching: (() => void) | undefined;
  private lastRefresh = -Infinity;
  private readonly now: () => number;

  constructor(
    private readonly dir: string,
    options: LogViewOptions,
    deps: LogViewDeps,
  ) {
    this.files = deps.files ?? nodeLogFiles();
    this.now = deps.now ?? (() => performance.now());
    this.rows = Math.max(1, options.rows ?? 24);
    this.batchMs = options.batchMs ?? 20;
    const maxLineBytes = Math.max(64, options.maxLineBytes ?? 4096);
    this.limits = {
      maxLineBytes,
      windowBytes: 64 * 1024,
      scanLimit: Math.max(1 << 20, maxLineBytes * 4),
    };
    this.segments = this.files.list(dir);
    if (options.restore) this.restore(options.restore);
    else this.load();
    if (options.watch ?? true) {
      const watch = deps.watch ?? watchLogDir;
      this.stopWatching = watch(dir, () => this.schedule(), options.pollMs ?? 250);
    }
  }

  lines(): readonly string[] {
    return this.texts;
  }

  tail(rows = this.rows): void {
    this.rows = Math.max(1, rows);
    this.following = true;
    this.load();
  }

  top(rows = this.rows): void {
    this.rows = Math.max(1, rows);
    this.following = false;
    this.show((r) => r.from(0, 0, this.rows));
  }

  pageUp(rows = this.rows): void {
    this.scroll(-rows, rows);
  }

  pageDown(rows = this.rows): void {
    this.scroll(rows, rows);
  }

  scroll(delta: number, rows = this.rows): void {
    this.rows = Math.max(1, rows);
    if (delta < 0) {
      const first = this.window[0];
      let moved = false;
      this.show((r) => {
        const base = first ? this.locate(r, this.positionOf(first)) : r.end();
        if (!base) return [];
        const back = r.before(base.index, base.offset, -delta);
        moved = back.length > 0;
        if (!moved && this.following) {
          const end = r.end();
          return r.before(end.index, end.offset, this.rows);
        }
        const top = back[0] ?? (first && this.relocate(r, first));
        return top ? r.from(top.index, top.start, this.rows) : [];
      }, false);
      if (moved) this.following = false;
    } else if (delta > 0 && !this.following) {
      const anchor = this.anchor;
      let reachedEnd = false;
      this.show((r) => {
        const at = anchor && this.locate(r, anchor);
        if (!at) return [];
        const ahead = r.from(at.index, at.offset, delta + this.rows);
        if (ahead.length >= delta + this.rows) return ahead.slice(delta);
        reachedEnd = true;
        const end = r.end();
        return r.before(end.index, end.offset, this.rows);
      }, false);
      if (reachedEnd) this.following = true;
    }
  }

  resize(rows: number): void {
    if (Math.max(1, rows) === this.rows) return;
    this.rows = Math.max(1, rows);
    this.load();
  }

  position(): LogPosition | undefined {
    const first = this.window[0];
    return first ? this.positionOf(first) : this.anchor;
  }

  restore(position: LogPosition): void {
    this.anchor = position;
    this.following = false;
    this.load();
  }

  info(): LogViewInfo {
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
    };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  refresh(): void {
    const before = this.texts;
    const listing = signature(this.segments);
    this.segments = this.files.list(this.dir);
    if (signature(this.segments) === listing && before.length > 0) return;
    this.load();
    if (!sameLines(before, this.texts) || signature(this.segments) !== listing) this.notify();
  }

  close(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  /** Re-read the window for the current state (following, or anchored). */
  private load(): void {
    if (this.following) {
      this.show((r) => {
        const end = r.end();
        return end.index < 0 ? [] : r.before(end.index, end.offset, this.rows);
      });
      return;
    }
    const anchor = this.anchor;
    this.show((r) => {
      if (!anchor) return r.from(0, 0, this.rows);
      const at = this.locate(r, anchor);
      const lines = at ? r.from(at.index, at.offset, this.rows) : [];
      if (lines.length > 0) return lines;
      // Nothing there any more (current truncated under the position): show the tail.
      const end = r.end();
      return end.index < 0 ? [] : r.before(end.index, end.offset, this.rows);
    });
  }

  /** Run a read against the listing, listing again when a file moved under it. */
  private show(read: (reader: TimelineReader) => LogLine[], keepNote = true): void {
    if (!keepNote) this.note = '';
    for (let attempt = 0; ; attempt++) {
      const reader = new TimelineReader(this.files, this.dir, this.segments, this.limits);
      try {
        const lines = read(reader);
        this.segments = reader.segments;
        this.setWindow(lines);
        if (this.segments.length === 0) this.note = 'no log files yet';
        return;
      } catch (error) {
        if (!(error instanceof StaleListing) || attempt >= 3) {
          this.note = `unable to read ${this.dir}: ${describe(error)}`;
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
    const first = lines[0];
    if (first) this.anchor = this.positionOf(first);
  }

  /** Map a position onto the reader's listing; notes when its file is gone. */
  private locate(reader: TimelineReader, position: LogPosition) {
    const mapped = mapPosition(position, reader.segments);
    if (mapped?.moved) this.note = `${position.name} is gone (retention?): showing what follows`;
    return mapped;
  }

  private relocate(reader: TimelineReader, line: LogLine) {
    const at = this.locate(reader, this.positionOf(line));
    return at && { index: at.index, start: at.offset };
  }

  private positionOf(line: LogLine): LogPosition {
    return { fileId: line.fileId, name: line.name, offset: line.start };
  }

  /**
   * Throttle with a leading edge: the first change after a quiet spell is read 2 ms later (a
   * logger's burst of writes lands in one read); then at most one read per `batchMs`.
   */
  private schedule(): void {
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
