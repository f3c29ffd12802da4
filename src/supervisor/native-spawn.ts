// The native process starter (native/spawn.c, built by `npm install` when a C compiler is there):
// posix_spawn(3) — clone(CLONE_VM|CLONE_VFORK), no copy of this process's page tables — and a
// pidfd watched on Node's loop for the exit. Absent (not built, a kernel without pidfds, or
// SVTUI_SPAWN=node), services are started with Node's child_process instead: same behaviour,
// a slower start.
import { createRequire } from 'node:module';

export interface NativeSpawn {
  /** Start `file` with `argv` in `cwd`, in a new session; child fd i = fds[i] (-1: closed). */
  spawn(
    file: string,
    argv: string[],
    cwd: string,
    fds: number[],
    onExit: (code: number, signal: number) => void,
  ): number;
  /** [read, write], both close-on-exec. */
  pipe(): [number, number];
  supported(): boolean;
}

/** build/ at the package's root, from src/supervisor/ and dist/supervisor/ alike. */
const ADDON = '../../build/Release/svtui_spawn.node';

let loaded: NativeSpawn | null | undefined;

/** The native starter, or undefined when services are to be started with child_process. */
export function nativeSpawn(env: NodeJS.ProcessEnv = process.env): NativeSpawn | undefined {
  if (env.SVTUI_SPAWN === 'node') return undefined;
  if (loaded === undefined) {
    try {
      const addon = createRequire(import.meta.url)(ADDON) as NativeSpawn;
      loaded = addon.supported() ? addon : null;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}

/** How services are started in this process: for `svtui scan --version`-style reports and tests. */
export function spawnKind(env: NodeJS.ProcessEnv = process.env): 'posix_spawn' | 'child_process' {
  return nativeSpawn(env) ? 'posix_spawn' : 'child_process';
}
