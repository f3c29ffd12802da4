// The public face of the logger for the supervisor: recognise `exec svtui multilog SCRIPT` in a
// log/run file, and open a multilog writer inside the calling process. `svtui multilog` is stdin
// fed into the same LogWriter.
export { parseLogRun } from './run-script.js';
import type { LogWriter, MultilogOptions } from './types.js';

export type { LogWriter, MultilogOptions } from './types.js';

/**
 * Start multilog with `args` (the script). Rejects with a one-line Error for what multilog refuses
 * at start: a status file or directory it cannot open, a directory locked by another writer.
 */
export async function openMultilog(args: string[], options: MultilogOptions): Promise<LogWriter> {
  const { startMultilog } = await import('./multilog.js');
  return startMultilog(args, options);
}
