// Every process a test starts is registered here and killed by pid (its process group too) when
// the test file ends: a test run leaves nothing running.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { afterAll } from 'vitest';

const started = new Set<ChildProcess>();

/** Stop every process still running that this test file started. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...started].map((child) => stopProcess(child)));
}

afterAll(stopAllProcesses);

/** Spawn a long-running process in its own process group, remembered for cleanup. */
export function startProcess(
  file: string,
  args: string[],
  options: SpawnOptions = {},
): ChildProcess {
  const child = spawn(file, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...options,
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Send `signal` to the process group (then KILL after `graceMs`) and wait for the exit. */
export async function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 3000,
): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const pid = child.pid;
  const send = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  send(signal);
  const timer = setTimeout(() => send('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Poll `check` every `everyMs` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 5000,
  everyMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Pids of every process whose working directory is inside `dir` (services run in their dir). */
export function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(dir)) pids.push(Number(entry));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

/** Whether a process with this pid exists (signal 0). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
