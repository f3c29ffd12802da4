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
