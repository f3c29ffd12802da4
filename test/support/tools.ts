// Test helpers shared by every suite: temporary directories, the built CLI, the reference tools.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { accessSync, constants, cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { stopAllProcesses } from './processes.js';

export const root = resolve(import.meta.dirname, '../..');
export const cli = join(root, 'bin/svtui.js');

const made = new Set<string>();

// Registered once per test file at import, so a tempDir() made inside a hook or a test (where an
// afterAll would be ignored) is removed too, after the processes that may still write there stop.
afterAll(async () => {
  await stopAllProcesses();
  for (const dir of made) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  made.clear();
});

/** A fresh temporary directory, removed when the test file ends (wherever it was made). */
export function tempDir(prefix = 'svtui-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/**
 * The absolute path of an executable file named `name` on PATH, or undefined. Tests find every
 * tool this way, never by a fixed path such as /usr/bin/svc: distributions and CI images differ.
 */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return path;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/**
 * The absolute path of a tool on PATH; throws naming it when absent. For tests already guarded by
 * `haveTools`, where a missing tool is a bug in the guard, not a reason to skip.
 */
export function tool(name: string): string {
  const path = which(name);
  if (!path) throw new Error(`${name}: not on PATH (guard the test with haveTools('${name}'))`);
  return path;
}

/** The Debian package that ships each reference tool (what .ci/run installs). */
function packageOf(name: string): string {
  if (name.startsWith('s6-')) return 's6';
  if (['runsv', 'runsvdir', 'sv', 'svlogd', 'chpst', 'runsvchdir', 'utmpset'].includes(name))
    return 'runit';
  if (['setpriv', 'runuser'].includes(name)) return 'util-linux';
  if (['tmux', 'time'].includes(name)) return name;
  return 'daemontools';
}

/**
 * Whether the reference tools are installed; when not, say so loudly so a skipped differential
 * test never passes unnoticed.
 */
export function haveTools(...names: string[]): boolean {
  const missing = names.filter((n) => !which(n));
  if (missing.length > 0) {
    const packages = [...new Set(missing.map(packageOf))].join(' ');
    process.stderr.write(
      `\n*** SKIPPED: reference tool(s) missing from PATH: ${missing.join(', ')} ` +
        `(apt-get install -y ${packages}; .ci/run does) ***\n\n`,
    );
  }
  return missing.length === 0;
}

export interface Ran {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** Run a program to completion with optional stdin bytes. */
export function runSync(
  argv: string[],
  options: SpawnSyncOptions & { input?: string | Buffer } = {},
): Ran {
  const [file, ...args] = argv;
  if (!file) throw new Error('runSync needs a program');
  const r = spawnSync(file, args, { maxBuffer: 1 << 30, ...options });
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout as Buffer,
    stderr: r.stderr as Buffer,
  };
}

/** Run `svtui ARGS...` (the built CLI) to completion. */
export function runCli(
  args: string[],
  options: SpawnSyncOptions & { input?: string | Buffer } = {},
): Ran {
  return runSync([process.execPath, cli, ...args], options);
}

/**
 * The bundled example tree as committed, copied to `tree` (a path in a temporary directory): not
 * the supervise/ and log/main/ a local `npm start` leaves behind.
 */
export function copyExampleTree(tree: string): string {
  const source = join(root, 'examples/service');
  cpSync(source, tree, {
    recursive: true,
    filter: (path) => !/\/(supervise|main)(\/|$)/.test(path.slice(source.length)),
  });
  return tree;
}
