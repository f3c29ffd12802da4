// Placeholder while the writer is built; replaced by the real composition in the next commit.
import type { LogWriter, MultilogOptions } from './inprocess.js';

export async function startMultilog(args: string[], options: MultilogOptions): Promise<LogWriter> {
  throw new Error(`svtui multilog: not implemented yet (${args.join(' ')} in ${options.cwd})`);
}
