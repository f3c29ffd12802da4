// svc and svstat write their output as daemontools does: all of it, and a failed write (stdout
// on a full disk, a closed stderr) changes nothing — no stack trace, the same exit code.
import { StreamError, writeAll } from '../adapters/stdio.js';

export function writeIgnoringErrors(fd: 1 | 2, data: string | Buffer): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  try {
    writeAll(fd, bytes, 0, bytes.length);
  } catch (error) {
    if (!(error instanceof StreamError)) throw error;
  }
}

/**
 * Die of SIGPIPE, as a C tool with SIGPIPE at its default does when it writes to a pipe nobody
 * reads (shell status 141). Node ignores SIGPIPE; a listener added and removed puts the default
 * back (libuv resets it to SIG_DFL). Returns only if the signal did not end the process.
 */
export function dieOfSigpipe(): void {
  const ignore = () => undefined;
  process.on('SIGPIPE', ignore);
  process.off('SIGPIPE', ignore);
  process.kill(process.pid, 'SIGPIPE');
}

/** writeIgnoringErrors for a tool that does not ignore SIGPIPE: EPIPE ends it by that signal. */
export function writeOrDieOfSigpipe(fd: 1 | 2, data: string | Buffer): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  try {
    writeAll(fd, bytes, 0, bytes.length);
  } catch (error) {
    if (!(error instanceof StreamError)) throw error;
    if (error.code === 'EPIPE') dieOfSigpipe();
  }
}
