// Helpers for the supervisor's integration tests: service trees in temp dirs, `svtui scan`
// started and stopped by pid, status read with the codec. Every pid a test saw in a status file
// is killed in afterAll if it is somehow still alive, so a failing test leaves nothing running.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { isInProcessPid } from '../../src/codec/inprocess-pid.js';
import { unpackStatus, type ServiceStatus } from '../../src/codec/status.js';
import { startProcess, waitFor } from '../support/processes.js';
import { cli } from '../support/tools.js';

const seenPids = new Set<number>();

afterAll(() => {
  for (const pid of seenPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone, as it should be */
    }
  }
});

export function remember(pid: number): void {
  if (pid > 1 && pid !== process.pid && !isInProcessPid(pid)) seenPids.add(pid);
}

/** Write an executable script. */
export function script(path: string, body: string): void {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

export interface ServiceSpec {
  run?: string;
  log?: string;
  down?: boolean;
}

export function makeService(tree: string, name: string, spec: ServiceSpec): string {
  const dir = join(tree, name);
  mkdirSync(dir, { recursive: true });
  if (spec.run !== undefined) script(join(dir, 'run'), spec.run);
  if (spec.log !== undefined) {
    mkdirSync(join(dir, 'log'));
    script(join(dir, 'log', 'run'), spec.log);
  }
  if (spec.down) writeFileSync(join(dir, 'down'), '');
  return dir;
}

export function readStatus(dir: string): ServiceStatus | undefined {
  try {
    const decoded = unpackStatus(readFileSync(join(dir, 'supervise', 'status')));
    if (!decoded.ok) return undefined;
    if (decoded.status.pid) remember(decoded.status.pid);
    return decoded.status;
  } catch {
    return undefined;
  }
}

/** Wait until the service is up with a pid other than `not`; returns the pid. */
export function waitUp(dir: string, not = 0, timeoutMs = 5000): Promise<number> {
  return waitFor(() => {
    const s = readStatus(dir);
    return s && s.pid !== 0 && s.pid !== not ? s.pid : 0;
  }, timeoutMs);
}

export function waitDown(dir: string, timeoutMs = 5000): Promise<boolean> {
  return waitFor(() => readStatus(dir)?.pid === 0, timeoutMs);
}

export interface Scan {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function startScan(tree: string): Scan {
  const child = startProcess(process.execPath, [cli, 'scan', tree], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, stderr: () => err, exited };
}

export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
