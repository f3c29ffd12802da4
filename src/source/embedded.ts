// Embedded mode: host the supervisor core in this process (src/supervisor, loaded only here) and
// feed its change events to the local source, so the table hears of a start or an exit at once
// instead of at the next poll. The services it starts find `svtui` on their PATH (this package's
// bin/), so a log/run of `exec svtui multilog t ./main` works from a fresh clone.
import { delimiter, resolve } from 'node:path';
import type { LocalSource } from './local/index.js';

export interface Embedded {
  /** Stop every service, then every logger. */
  stop(): Promise<void>;
}

/** This package's bin/ directory (dist/source/ → ../../bin). */
export function packageBinDir(): string {
  return resolve(import.meta.dirname, '../../bin');
}

export function withBinOnPath(env: NodeJS.ProcessEnv): string {
  const bin = packageBinDir();
  const path = env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  return path.split(delimiter).includes(bin) ? path : `${bin}${delimiter}${path}`;
}

/** Supervise the source's tree here; the supervisor's diagnostics go to `report`. */
export async function superviseHere(
  source: LocalSource,
  report: (line: string) => void,
): Promise<Embedded> {
  process.env.PATH = withBinOnPath(process.env);
  const { startSupervisor } = await import('../supervisor/index.js');
  // Services without a log/ get /dev/null, never the terminal the console draws on.
  const supervisor = await startSupervisor({
    dir: resolve(source.root),
    stderr: report,
    inheritStdio: false,
  });
  source.supervisedHere();
  const off = supervisor.onChange((name) => source.refresh(name.replace(/\/log$/, '')));
  return {
    async stop() {
      off();
      await supervisor.stop();
    },
  };
}
