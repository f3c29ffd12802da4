// Embedded mode: host the supervisor core in this process (src/supervisor, loaded only here).
// The services it starts find `svtui` on their PATH (this package's bin/), so a log/run of
// `exec svtui multilog t ./main` works from a fresh clone with no global install.
import { delimiter, join, resolve } from 'node:path';

export interface EmbeddedSupervisor {
  stop(): Promise<void> | void;
  onChange?(listener: (...args: unknown[]) => void): unknown;
}

interface SupervisorModule {
  startSupervisor(options: {
    dir: string;
    stderr?: NodeJS.WritableStream;
  }): EmbeddedSupervisor | Promise<EmbeddedSupervisor>;
}

/** This package's bin/ directory (dist/console/ → ../../bin). */
export function packageBinDir(): string {
  return resolve(import.meta.dirname, '../../bin');
}

export function withBinOnPath(env: NodeJS.ProcessEnv): string {
  const bin = packageBinDir();
  const path = env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  return path.split(delimiter).includes(bin) ? path : `${bin}${delimiter}${path}`;
}

export async function startEmbedded(
  root: string,
  stderr: NodeJS.WritableStream,
): Promise<EmbeddedSupervisor> {
  process.env.PATH = withBinOnPath(process.env);
  const url = new URL(join('..', 'supervisor', 'index.js'), import.meta.url).href;
  let module: SupervisorModule;
  try {
    module = (await import(url)) as SupervisorModule;
  } catch (error) {
    throw new Error(`embedded mode is not available: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return await module.startSupervisor({ dir: resolve(root), stderr });
}
