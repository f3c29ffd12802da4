// Types shared by the multilog modules, kept apart so that no two of them import each other:
// the writer the supervisor and `svtui multilog` drive (inprocess.ts opens it, multilog.ts
// implements it) and a log directory's settings (directory.ts keeps it, processor.ts runs in it).

/** A running multilog: feed it bytes; it owns the log directories until close(). */
export interface LogWriter {
  /** Handle `chunk` (any slice of the byte stream); resolves when it is written or paused-and-written. */
  write(chunk: Buffer): Promise<void>;
  /** Rotate every directory whose current is not empty (multilog's ALRM). */
  rotate(): Promise<void>;
  /** End of input: finish a partial last line with `\n`, fsync, chmod current 0744, unlock. */
  close(): Promise<void>;
}

export interface MultilogOptions {
  /** The directory relative paths in the script are resolved against (multilog's start dir). */
  cwd: string;
  /** Diagnostics and `e` alerts, as multilog writes them to fd 2 (whole lines with `\n`). */
  stderr: (text: string) => void;
  /** `e` alerts as the raw bytes of the lines; default: stderr with the bytes read as UTF-8. */
  alert?: (bytes: Buffer) => void;
}

/** One log directory of the script. */
export interface DirectorySpec {
  /** As written in the script: used in messages. */
  name: string;
  /** Absolute path. */
  path: string;
  size: number;
  count: number;
  processor?: string;
}
