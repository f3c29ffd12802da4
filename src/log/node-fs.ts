// The real LogPort over node:fs, the lock adapter and /bin/sh.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { tryLock } from '../adapters/lock.js';
import type { LogPort, ProcessorExit, ProcessorFds } from './fs-port.js';
import { systemClock } from '../time/clock.js';

function quietly(action: () => void): void {
  try {
    action();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function runProcessor(command: string, cwd: string, fds: ProcessorFds): Promise<ProcessorExit> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], {
      cwd,
      stdio: [fds.stdin, fds.stdout, 'inherit', 'ignore', fds.state, fds.newState],
    });
    child.once('error', () => resolve({ code: 111, signal: null }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

export function nodeLogPort(): LogPort {
  const now = systemClock();
  return {
    mkdir: (path, mode) => fs.mkdirSync(path, { mode }),
    open: (path, flags, mode) => fs.openSync(path, flags, mode),
    write: (fd, data, offset, length, position) =>
      fs.writeSync(fd, data, offset, length, position ?? null),
    fsync: (fd) => fs.fsyncSync(fd),
    close: (fd) => fs.closeSync(fd),
    fchmod: (fd, mode) => fs.fchmodSync(fd, mode),
    chmod: (path, mode) => fs.chmodSync(path, mode),
    stat(path) {
      try {
        const s = fs.statSync(path);
        return { mode: s.mode, nlink: s.nlink, size: s.size, isDirectory: s.isDirectory() };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    link: (existing, created) => fs.linkSync(existing, created),
    unlink: (path) => quietly(() => fs.unlinkSync(path)),
    rename: (from, to) => fs.renameSync(from, to),
    readdir: (path) => fs.readdirSync(path),
    async lock(path) {
      const result = await tryLock(path);
      return result.ok ? { ok: true, release: () => result.lock.release() } : result;
    },
    runProcessor,
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
