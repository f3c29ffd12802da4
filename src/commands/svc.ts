// `svtui svc -udopchaitkx SERVICE...`: daemontools' svc (spec §3.1), same words and exit codes.
// Warnings go out one write each, at once, as daemontools flushes them; exit 0 even when some
// directories failed, 100 on an illegal option.
import { controlWarning, parseSvcArgs, sendControl, SVC_USAGE } from '../control/index.js';
import { writeOrShrug } from '../adapters/stdio.js';

export async function run(args: string[]): Promise<number> {
  const parsed = parseSvcArgs(args);
  if (!parsed.ok) {
    // getopt names the offending byte, not the character: `-é` reports its first UTF-8 byte.
    const byte = Buffer.from(parsed.illegal, 'utf8').subarray(0, 1);
    writeOrShrug(
      2,
      Buffer.concat([
        Buffer.from('svc: illegal option -- '),
        byte,
        Buffer.from(`\n${SVC_USAGE}\n`),
      ]),
    );
    return 100;
  }
  for (const dir of parsed.dirs) {
    const result = sendControl(dir, parsed.letters);
    if (!result.ok) writeOrShrug(2, `svc: warning: ${controlWarning(dir, result)}\n`);
  }
  return 0;
}
