// `svtui svstat SERVICE...`: daemontools' svstat (spec §3.2), byte for byte. One line per
// directory on stdout, written at the end in one go; exit 0. Like svstat it takes no options:
// every argument is a directory.
import { formatSvstatLine, observeForSvstat } from '../control/index.js';
import { svstatBuffer } from '../control/svstat-observe.js';
import { writeOrShrug } from '../adapters/stdio.js';

export async function run(args: string[]): Promise<number> {
  const buffer = svstatBuffer(); // svstat's static status buffer, shared by every directory
  const lines = args.map((dir) => {
    const now = BigInt(Math.floor(Date.now() / 1000));
    return `${formatSvstatLine(dir, observeForSvstat(dir, buffer), now)}\n`;
  });
  if (lines.length > 0) writeOrShrug(1, lines.join(''), 'die'); // svstat does not ignore SIGPIPE
  return 0;
}
