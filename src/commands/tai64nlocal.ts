// `svtui tai64nlocal [--tz ZONE]`: daemontools' tai64nlocal, byte for byte on every label it can
// convert; lines it would crash on pass through unchanged. Exit 0 at EOF, 111 on an I/O error.
import {
  closedAtStartup,
  dieOfSigpipe,
  outputSink,
  readSome,
  StreamError,
} from '../adapters/stdio.js';

import { LabelStreamDecoder } from '../time/stream-decoder.js';
import { resolveZone } from '../time/zone.js';

function parseArgs(args: string[]): { tz: string | undefined; fromFlag: boolean } | string {
  let tz = process.env.TZ;
  let fromFlag = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--tz' && i + 1 < args.length) {
      tz = args[++i];
      fromFlag = true;
    } else if (arg.startsWith('--tz=')) {
      tz = arg.slice('--tz='.length);
      fromFlag = true;
    } else
      return arg === '--tz' ? '--tz needs a ZONE' : `unexpected argument ${JSON.stringify(arg)}`;
  }
  return { tz, fromFlag };
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`svtui tai64nlocal: ${parsed} (usage: svtui tai64nlocal [--tz ZONE])\n`);
    return 100;
  }
  const { zone, warning } = resolveZone(parsed.tz);
  if (warning) process.stderr.write(`svtui tai64nlocal: warning: ${warning.text}\n`);
  const decoder = new LabelStreamDecoder(zone, outputSink(1));
  try {
    if (closedAtStartup(0)) throw new StreamError('read', 'EBADF');
    for (;;) {
      const n = readSome(0, decoder.mem, 0, decoder.inputCapacity);
      if (n === 0) break;
      decoder.decode(n);
    }
    decoder.finish();
    return 0;
  } catch (error) {
    if (error instanceof StreamError) {
      if (error.code === 'EPIPE') dieOfSigpipe(); // a reader gone: SIGPIPE, as tai64nlocal gets
      return 111; // silently, as tai64nlocal
    }
    throw error;
  }
}
