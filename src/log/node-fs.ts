// The real LogPort over node:fs, the lock adapter and /bin/sh.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { tryLock } from '../adapters/lock.js';
import type { Tai64nTime } from '../codec/tai64n.js';
import type { LogPort, ProcessorExit, ProcessorFds } from './fs-port.js';

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

const RESYNC_NS = 10_000_000_000n;

/**
 * Wall-clock time with nanosecond resolution: the monotonic clock, re-anchored to Date.now() every
 * 10 s so a long-running supervisor follows the system clock. Never goes back and never repeats,
 * so two rotations in a row still get distinct `@…` names.
 */
export function nanoClock(): () => Tai64nTime {
  let anchoredAt = -RESYNC_NS;
  let offset = 0n;
  let last = 0n;
  return () => {
    const mono = process.hrtime.bigint();
    if (mono - anchoredAt >= RESYNC_NS) {
      offset = BigInt(Date.now()) * 1_000_000n - mono;
      anchoredAt = mono;
    }
    let ns = offset + mono;
    if (ns <= last) ns = last + 1n;
    last = ns;
    return { seconds: ns / 1_000_000_000n, nanoseconds: Number(ns % 1_000_000_000n) };
  };
}

export function nodeLogPort(): LogPort {
  const now = nanoClock();
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
