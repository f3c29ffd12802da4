// `svtui multilog SCRIPT...`: standard input into the same LogWriter the supervisor runs
// in-process. EOF finishes a partial line and exits 0; TERM exits at the next line end, leaving
// the rest unread (spec §4.6); ALRM rotates every non-empty current. Refused at start (lock held,
// directory unusable): multilog's fatal line and exit 111.
import { startMultilog, type Multilog } from '../log/multilog.js';
import { stdinReader, type InputReader } from '../log/stdin-reader.js';

const FATAL = 111;

export async function run(args: string[]): Promise<number> {
  const stderr = (output: string | Buffer) => {
    try {
      process.stderr.write(output);
    } catch {
      // a diagnostic that cannot be written must not stop the logging
    }
  };
  let writer: Multilog;
  let reader: InputReader;
  process.umask(0o022); // as multilog: state, current and processed are 0644 whatever the caller's umask
  try {
    reader = stdinReader(0);
    writer = await startMultilog(args, {
      cwd: process.cwd(),
      stderr,
      alert: stderr,
      reuseBuffers: true,
    });
  } catch (error) {
    stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return FATAL;
  }
  let terminating = false;
  process.on('SIGALRM', () => void writer.rotate());
  process.on('SIGTERM', () => {
    terminating = true;
    reader.interrupt();
  });
  try {
    for (;;) {
      if (terminating && !writer.midLine) break;
      const chunk = await (terminating ? reader.readByte() : reader.read());
      if (chunk === 'interrupted') continue;
      if (chunk === null) break;
      await writer.write(chunk);
    }
  } catch {
    // multilog takes a failed read (stdin a directory, or closed) as the end of its input:
    // it finishes as at EOF, silently, and exits 0.
  }
  reader.close();
  await writer.close();
  return 0;
}
