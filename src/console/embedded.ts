// Embedded mode: host the supervisor core in this process (src/supervisor, loaded only here).
// The services it starts find `svtui` on their PATH (this package's bin/), so a log/run of
// `exec svtui multilog t ./main` works from a fresh clone with no global install.
import { delimiter, resolve } from 'node:path';
import type { Supervisor } from '../supervisor/index.js';

export type EmbeddedSupervisor = Supervisor;

/** This package's bin/ directory (dist/console/ → ../../bin). */
export function packageBinDir(): string {
  return resolve(import.meta.dirname, '../../bin');
}

export function withBinOnPath(env: NodeJS.ProcessEnv): string {
  const bin = packageBinDir();
  const path = env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  return path.split(delimiter).includes(bin) ? path : `${bin}${delimiter}${path}`;
}

/** Start the supervisor on `root`; its diagnostic lines go to `report` (the status line). */
export async function startEmbedded(
  root: string,
  report: (line: string) => void,
): Promise<EmbeddedSupervisor> {
  process.env.PATH = withBinOnPath(process.env);
  const { startSupervisor } = await import('../supervisor/index.js');
  // Services without a log/ get /dev/null, never the terminal the console draws on.
  return await startSupervisor({ dir: resolve(root), stderr: report, inheritStdio: false });
}
