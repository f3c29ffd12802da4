// `svtui tai64n`: daemontools' tai64n — each line of stdin prefixed with the TAI64N label of the
// moment it was read; a final line without newline stays without. Exit 0 at EOF; 111, silently,
// on a read or write error (spec §5.1, T43).
import {
  closedAtStartup,
  dieOfSigpipe,
  outputSink,
  readSome,
  StreamError,
} from '../adapters/stdio.js';

import { systemClock } from '../time/clock.js';
import { LineStamper } from '../time/stream-stamper.js';

export async function run(args: string[]): Promise<number> {
  if (args.length > 0) {
    process.stderr.write(
      `svtui tai64n: unexpected argument ${JSON.stringify(args[0])} (usage: svtui tai64n)\n`,
    );
    return 100;
  }
  const clock = systemClock();
  const stamper = new LineStamper(outputSink(1));
  try {
    if (closedAtStartup(0)) throw new StreamError('read', 'EBADF');
    for (;;) {
      const n = readSome(0, stamper.mem, 0, stamper.inputCapacity);
      if (n === 0) return 0;
      stamper.stamp(n, clock());
    }
  } catch (error) {
    if (error instanceof StreamError) {
      if (error.code === 'EPIPE') dieOfSigpipe(); // a reader gone: SIGPIPE, as tai64n gets
      return 111;
    }
    throw error;
  }
}
