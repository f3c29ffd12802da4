// Small file-system adapters the supervisor needs: atomic writes, FIFOs, descriptors.
//
// FIFOs: Node has no mkfifo(2), so coreutils' `mkfifo -m 0600` is executed (no shell), once per
// batch of missing FIFOs — a service costs one ~1 ms spawn the first time it is ever supervised
// and nothing afterwards. FIFOs are opened with plain open(2) flags; reading one happens through
// net.Socket (libuv's pipe handle, epoll), never through the 4-thread pool, where a blocking read
// would starve every other file operation.
import { spawnSync } from 'node:child_process';
import { constants, lstatSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { errorCode } from '../codec/errors.js';

/** Write `bytes` to `path.new`, then rename it over `path` (as supervise writes status). */
export function writeAtomic(path: string, bytes: Uint8Array | string, mode = 0o644): void {
  writeFileSync(`${path}.new`, bytes, { mode });
  renameSync(`${path}.new`, path);
}

/** Create the FIFOs among `paths` that do not exist yet; returns the errno code on failure. */
export function makeFifos(paths: string[]): string | undefined {
  const missing = paths.filter((p) => !exists(p));
  if (missing.length === 0) return undefined;
  const r = spawnSync('mkfifo', ['-m', '0600', '--', ...missing], { stdio: 'ignore' });
  if (r.error) return errorCode(r.error) ?? 'EIO';
  return missing.every(exists) ? undefined : 'EACCES';
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Open a FIFO for reading so that it never reaches end of file and never blocks: O_RDWR, which
 * on Linux counts as both a reader (so writers can open it) and a writer (so no EOF).
 */
export function openFifoReadWrite(path: string): number {
  return openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
}

/** Open a FIFO for reading only, without waiting for a writer (supervise's `ok`). */
export function openFifoReader(path: string): number {
  return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
}
