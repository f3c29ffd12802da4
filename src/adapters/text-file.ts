// Saving text the operator asked for (the console's `Y`): a new file, or over an existing one
// only when told to (after a y/n). `~/` is the home directory, as in a shell. Errors come back
// as one line naming the file and the reason, never thrown.
import { writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type WriteOutcome = { ok: true } | { ok: false; code: string; text: string };

const REASONS: Record<string, string> = {
  ENOENT: 'no such directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'exists',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

export function writeTextFile(path: string, text: string, overwrite: boolean): WriteOutcome {
  const target = path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
  try {
    writeFileSync(target, text, { flag: overwrite ? 'w' : 'wx', mode: 0o644 });
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return { ok: false, code, text: `${path}: ${REASONS[code] ?? (error as Error).message}` };
  }
}
