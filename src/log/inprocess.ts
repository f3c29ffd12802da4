// The public face of the logger for the supervisor: recognise `exec svtui multilog SCRIPT` in a
// log/run file, and open a multilog writer inside the calling process. `svtui multilog` is stdin
// fed into the same LogWriter.
export { parseLogRun } from './run-file.js';

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

/**
 * Start multilog with `args` (the script). Rejects with a one-line Error for what multilog refuses
 * at start: a status file or directory it cannot open, a directory locked by another writer.
 */
export async function openMultilog(args: string[], options: MultilogOptions): Promise<LogWriter> {
  const { startMultilog } = await import('./multilog.js');
  return startMultilog(args, options);
}
