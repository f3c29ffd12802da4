// The one place svc and svstat "chdir" into a service directory. Node has no per-call chdir, so
// this checks what chdir(2) would check (exists, is a directory, may be searched) and names
// files inside by plain concatenation: `DIR/supervise/ok`, never path.join, which would fold
// `a/..` differently from the kernel when `a` is a symlink.
import { accessSync, constants, statSync } from 'node:fs';
import { errorCode } from '../codec/errors.js';

/** The errno code chdir(2) into `dir` would fail with, or undefined when it would succeed. */
export function chdirError(dir: string): string | undefined {
  if (dir === '') return 'ENOENT';
  try {
    if (!statSync(dir).isDirectory()) return 'ENOTDIR';
    accessSync(dir, constants.X_OK);
    return undefined;
  } catch (error) {
    return errorCode(error) ?? 'EIO';
  }
}

/** `DIR/name`, as the kernel would resolve `name` after chdir(DIR). */
export function inService(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
