// Live s6 for the tests: s6-supervise on one service directory, or s6-svscan on a tree, each in
// its own process group and stopped by pid — the supervisors and every service pid they ran.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readStatusFile } from '../../src/control/index.js';
import { startProcess, stopProcess, waitFor } from '../support/processes.js';
import { runSync } from '../support/tools.js';

export const S6_TOOLS = ['s6-supervise', 's6-svscan', 's6-svstat', 's6-svc', 's6-svok'];

export function s6Pid(dir: string): number {
  const decoded = readStatusFile(dir);
  return decoded.ok && decoded.format === 's6' ? decoded.status.pid : 0;
}

export function s6ok(dir: string): boolean {
  return runSync(['s6-svok', dir]).status === 0;
}

/** Whether `pid` runs (a zombie does not). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** `s6-supervise NAME` with `cwd` as its cwd, once it runs ./run. */
export async function startS6Supervise(cwd: string, name: string): Promise<ChildProcess> {
  const child = startProcess('s6-supervise', [name], { cwd, stdio: 'ignore' });
  await waitFor(() => s6ok(`${cwd}/${name}`) && s6Pid(`${cwd}/${name}`) !== 0);
  return child;
}

/** `s6-svscan DIR`, once every named service runs. */
export async function startS6Svscan(dir: string, names: string[]): Promise<ChildProcess> {
  const child = startProcess('s6-svscan', [dir], { stdio: 'ignore' });
  await waitFor(() => names.every((n) => s6ok(`${dir}/${n}`) && s6Pid(`${dir}/${n}`) !== 0));
  return child;
}

/**
 * Stop an s6 tree by pid: TERM to the supervisor's process group (s6-svscan and s6-supervise
 * take the services down on TERM), then KILL to any service pid (own session) still alive.
 */
export async function stopS6(child: ChildProcess, servicePids: number[]): Promise<void> {
  await stopProcess(child);
  for (const pid of servicePids) {
    if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
  }
  await waitFor(() => servicePids.every((pid) => pid <= 0 || !alive(pid)), 3000);
}
