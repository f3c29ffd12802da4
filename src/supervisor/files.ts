// Small file-system adapters the supervisor needs: atomic writes, FIFOs, descriptors.
//
// FIFOs: Node has no mkfifo(2), so coreutils' `mkfifo -m 0600` is executed (no shell), once per
// batch of missing FIFOs — a service costs one ~1 ms spawn the first time it is ever supervised
// and nothing afterwards. FIFOs are opened with plain open(2) flags; reading one happens through
// net.Socket (libuv's pipe handle, epoll), never through the 4-thread pool, where a blocking read
// would starve every other file operation.
import { spawnSync } from 'node:child_process';
import {
  constants,
  fstatSync,
  ftruncateSync,
  lstatSync,
  openSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { KeptFile } from '../adapters/kept-file.js';
import { errorCode } from '../codec/errors.js';

/** Write `bytes` to `path.new`, then rename it over `path` (as supervise writes status). */
export function writeAtomic(path: string, bytes: Uint8Array | string, mode = 0o644): void {
  writeFileSync(`${path}.new`, bytes, { mode });
  renameSync(`${path}.new`, path);
}

/** A file rewritten where it is, through a descriptor kept open (see InPlaceFile.write). */
export interface InPlaceFile {
  write(bytes: string): void;
  close(): void;
}

/**
 * `path()` rewritten in place: one pwrite at offset 0, then a cut when the text got shorter. No
 * rename, so none of the flush ext4 does for a file renamed over another (~0.4 ms of CPU per
 * write); a reader can see a write half done, so the format must let it tell (svtui-history's
 * `check` line). The descriptor is kept (KeptFile).
 */
export function inPlaceFile(path: () => string, mode = 0o644): InPlaceFile {
  const file = new KeptFile(path, constants.O_RDWR | constants.O_CREAT, mode);
  let length = 0;
  return {
    write(text) {
      const { fd, fresh } = file.open();
      if (fresh) length = fstatSync(fd).size;
      const bytes = Buffer.from(text);
      writeSync(fd, bytes, 0, bytes.length, 0);
      if (bytes.length < length) ftruncateSync(fd, bytes.length);
      length = bytes.length;
    },
    close: () => file.close(),
  };
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
