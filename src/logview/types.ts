// The log view's public types (see index.ts for the whole picture).

/**
 * A stable place in a log directory's timeline: which file (by identity, so it survives
 * `current` being renamed to `@….s`) and a byte offset in it, at the start of a line.
 */
export interface LogPosition {
  /** `dev:ino` of the file when the position was taken. */
  fileId: string;
  /** The file's name then: `current` or `@<24 hex>.s`/`.u`. */
  name: string;
  /** Byte offset of the first byte of a line (or of a cut piece of a very long one). */
  offset: number;
}

export interface LogViewOptions {
  /** Rows of the first window (the tail). Default 24. */
  rows?: number;
  /** Keep at most this many bytes of one line; the rest is cut with a marker. Default 4096. */
  maxLineBytes?: number;
  /** Follow changes (fs.watch plus a stat poll). Default true; false for a static snapshot. */
  watch?: boolean;
  /** Fallback stat poll interval in ms, for file systems where fs.watch is silent. Default 80. */
  pollMs?: number;
  /** Minimum ms between two change notifications (batching). Default 20. */
  batchMs?: number;
  /**
   * Read when asked, not when the directory changes: a change only marks the window stale and
   * notifies once; the next lines()/info()/move reads. A console that draws 15 frames a second
   * then reads 15 times a second, however often a busy logger writes. Default false.
   */
  readWhenAsked?: boolean;
  /** Where to open instead of the tail (a position from another view's `position()`). */
  restore?: LogPosition;
}

/** `moved`: the file the window was in is gone (retention); `unreadable`: a read failed. */
export type LogViewNoteCode = 'none' | 'no-files' | 'moved' | 'unreadable';

/** Where the window is, for the console's status line. */
export interface LogViewInfo {
  /** The log directory. */
  dir: string;
  following: boolean;
  /** The window starts at the first byte of the oldest file. */
  atTop: boolean;
  /** The name of the file holding the first visible line (`current`, `@….s`), if any. */
  file: string | undefined;
  /** Index of that file in the timeline and the number of files (`current` last). */
  fileIndex: number;
  fileCount: number;
  /** Byte offset of the first visible line in its file, and that file's size. */
  offset: number;
  size: number;
  /** Rough place in the whole timeline, 0..1 (by bytes). */
  fraction: number;
  /** Why the view is empty or moved, e.g. "no log files yet" or "file deleted by retention". */
  note: string;
  /** The note's kind, for decisions: words are for people. */
  noteCode: LogViewNoteCode;
}

export interface LogView {
  /** Raw lines of the visible window (at most `rows`), oldest first; not yet sanitized. */
  lines(): readonly string[];
  /** True while the window sticks to the end and moves with new lines. */
  readonly following: boolean;
  /** Show the last `rows` lines and follow. */
  tail(rows?: number): void;
  /** Show the first `rows` lines of the oldest file; stop following. */
  top(rows?: number): void;
  /** Move `rows` lines towards the past (stops following). */
  pageUp(rows?: number): void;
  /** Move `rows` lines towards the end; reaching the end resumes following. */
  pageDown(rows?: number): void;
  /** Move by `delta` lines (negative = back). */
  scroll(delta: number, rows?: number): void;
  /** Change the window height, keeping its first line (or its end while following). */
  resize(rows: number): void;
  /** Where each visible line starts, in the order of lines(). */
  positions(): readonly LogPosition[];
  /** Where the window starts; hand it to `restore` or `openLogView({restore})` later. */
  position(): LogPosition | undefined;
  /** Go back to a position (follow = false); a file deleted meanwhile maps to the next one. */
  restore(position: LogPosition): void;
  info(): LogViewInfo;
  /**
   * Called when the directory changed what the view shows (new lines while following, files
   * rotated or deleted): batched, at most once per `batchMs`, the first one ~2 ms after a quiet
   * spell. Not called for the caller's own moves (tail, pageUp...), which take effect at once.
   * With `readWhenAsked`, called once per change spell: the window MAY have changed, and the
   * next call that reads it finds out.
   */
  onChange(listener: () => void): () => void;
  /** Re-read the directory now (the watcher does this by itself). */
  refresh(): void;
  /** Stop watching; the view keeps its last lines. */
  close(): void;
}
