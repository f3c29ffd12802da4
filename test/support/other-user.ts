// Tests that run svtui as another user (nobody) cannot run it from the checkout: CI may clone
// anywhere, and a checkout under a 0700 directory (a home directory, a private work dir) is out of
// that user's reach. They run a copy instead — bin/, dist/, package.json and the packages the
// program loads at run time (the non-dev entries of package-lock.json) — in a world-readable
// temporary directory that the test removes when it ends.
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { haveTools, root } from './tools.js';

/** uid and gid of `nobody` on Debian and most distributions. */
export const NOBODY = 65534;

/** The prefix that runs a command as nobody, with no supplementary groups. */
export const asNobody = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'];

export interface GuestInstall {
  /** The copy's top directory (bin/, dist/, node_modules/, package.json). */
  dir: string;
  /** The copy's bin/svtui.js. */
  cli: string;
  remove(): void;
}

/**
 * Whether this run can test as another user: root, `tools` on PATH, and a temporary directory
 * others can reach. Says loudly why not.
 */
export function canRunAsOtherUser(...tools: string[]): boolean {
  const why =
    process.getuid?.() !== 0
      ? 'they need root to switch user'
      : !reachableByOthers(tmpdir())
        ? `${tmpdir()} is not reachable by other users`
        : !reachableByOthers(dirname(process.execPath))
          ? `${process.execPath} is not reachable by other users`
          : undefined;
  if (why) {
    process.stderr.write(`\n*** SKIPPED: tests as another user: ${why} ***\n\n`);
    return false;
  }
  return haveTools(...tools);
}

/** Copy what `node bin/svtui.js` needs to a fresh world-readable directory. */
export function installForOtherUsers(): GuestInstall {
  const dir = mkdtempSync(join(tmpdir(), 'svtui-guest-'));
  try {
    if (!existsSync(join(root, 'dist/cli.js')))
      throw new Error('dist/ is not built (npm run build)');
    for (const entry of ['bin', 'dist', 'package.json']) {
      cpSync(join(root, entry), join(dir, entry), { recursive: true });
    }
    for (const pkg of runtimePackages()) {
      mkdirSync(dirname(join(dir, pkg)), { recursive: true });
      cpSync(join(root, pkg), join(dir, pkg), { recursive: true });
    }
    openUp(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    cli: join(dir, 'bin/svtui.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `node_modules/…` paths of the installed non-dev packages, outermost only. */
function runtimePackages(): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; link?: boolean }>;
  };
  const chosen: string[] = [];
  for (const [path, meta] of Object.entries(lock.packages).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!path.startsWith('node_modules/') || meta.dev || meta.link) continue;
    if (chosen.some((outer) => path.startsWith(`${outer}/`))) continue;
    if (existsSync(join(root, path))) chosen.push(path); // optional packages may be absent
  }
  return chosen;
}

/** Directories 0755, files readable by all (executable by all where the owner may execute). */
function openUp(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, 0o755);
    for (const name of readdirSync(path)) openUp(join(path, name));
  } else {
    chmodSync(path, stat.mode & 0o100 ? 0o755 : 0o644);
  }
}

/** Whether every directory from / down to `path` lets others through (o+x). */
function reachableByOthers(path: string): boolean {
  let at = resolve(path);
  for (;;) {
    try {
      if ((statSync(at).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (at === parse(at).root) return true;
    at = dirname(at);
  }
}
