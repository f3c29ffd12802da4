// Test helpers shared by every suite: temporary directories, the built CLI, the reference tools.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll } from 'vitest';

export const root = resolve(import.meta.dirname, '../..');
export const cli = join(root, 'bin/svtui.js');

/** A fresh temporary directory, removed when the test file ends. */
export function tempDir(prefix = 'svtui-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The absolute path of an executable on PATH, or undefined. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, name);
    if (dir && existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Whether the reference tools are installed; when not, say so loudly once per file so a skipped
 * differential test never passes unnoticed.
 */
export function haveTools(...names: string[]): boolean {
  const missing = names.filter((n) => !which(n));
  if (missing.length > 0) {
    process.stderr.write(
      `\n*** SKIPPED: reference tool(s) missing: ${missing.join(', ')} ` +
        `(apt-get install -y daemontools runit s6) ***\n\n`,
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
