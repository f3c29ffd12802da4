// `svtui multilog SCRIPT...`: standard input into the same LogWriter the supervisor runs
// in-process. EOF finishes a partial line and exits 0; TERM exits at the next line end, leaving
// the rest unread (spec §4.6); ALRM rotates every non-empty current. Refused at start (lock held,
// directory unusable): multilog's fatal line and exit 111.
import { describeError } from '../codec/errors.js';
import { startMultilog, type Multilog } from '../log/multilog.js';
import { stdinReader, type InputReader } from '../log/stdin-reader.js';

const FATAL = 111;

export async function run(args: string[]): Promise<number> {
  const stderr = (text: string) => void process.stderr.write(text);
  let writer: Multilog;
  let reader: InputReader;
  try {
    reader = stdinReader(0);
    writer = await startMultilog(args, { cwd: process.cwd(), stderr });
  } catch (error) {
    stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return FATAL;
  }
  let terminating = false;
  let wakeOnTerm: (() => void) | undefined;
  const terminated = new Promise<null>((resolve) => (wakeOnTerm = () => resolve(null)));
  process.on('SIGALRM', () => void writer.rotate());
  process.on('SIGTERM', () => {
    terminating = true;
    reader.lineMode = true;
    if (!writer.midLine) wakeOnTerm?.();
  });
  try {
    for (;;) {
      if (terminating && !writer.midLine) break;
      const next = terminating ? reader.readByte() : reader.read();
      const chunk = writer.midLine ? await next : await Promise.race([next, terminated]);
      if (chunk === null) break;
      await writer.write(chunk);
    }
  } catch (error) {
    await writer.close();
    stderr(`multilog: fatal: unable to read input: ${describeError(error)}\n`);
    return FATAL;
  }
  await writer.close();
  // A read may still be blocked in the thread pool when TERM ended the loop: do not wait for it.
  if (terminating) process.exit(0);
  return 0;
}
