// The supervisors the live tests run side by side: daemontools supervise, runit runsv and
// svtui scan, each started on `root/sv` in its own process group (stopped by pid).
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceStatus } from '../../src/codec/status.js';
import { afterAll, beforeAll, expect } from 'vitest';
import { probeSupervisor, readStatusFile } from '../../src/control/index.js';
import { startProcess, stopProcess, waitFor } from '../support/processes.js';
import { cli, haveTools, runCli, tempDir, tool } from '../support/tools.js';

/** `root/name` with an executable `run` (and `log/run` when asked). */
export function makeService(
  root: string,
  name: string,
  withLog = false,
  run = '#!/bin/sh\nexec sleep 1000\n',
): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run'), run);
  chmodSync(join(dir, 'run'), 0o755);
  if (withLog) {
    mkdirSync(join(dir, 'log'));
    writeFileSync(join(dir, 'log/run'), '#!/bin/sh\nexec cat >/dev/null\n');
    chmodSync(join(dir, 'log/run'), 0o755);
  }
  return dir;
}

export function status(dir: string): ServiceStatus | undefined {
  const decoded = readStatusFile(dir);
  return decoded.ok ? decoded.status : undefined;
}

export const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((done) => child.once('exit', () => done()));

export interface Supervisor {
  name: string;
  /** Reference tools this case needs besides svc and svstat. */
  tools: string[];
  logged: boolean;
  /** Start supervising `root/sv`, with `root` as the cwd. */
  start(root: string): ChildProcess;
  /** Whether the supervisor itself exits on `svc -x` (svtui scan keeps scanning). */
  exitsOnX: boolean;
}

export const supervisors: Supervisor[] = [
  {
    name: 'daemontools supervise',
    tools: ['supervise'],
    logged: false,
    exitsOnX: true,
    start: (root) => startProcess(tool('supervise'), ['sv'], { cwd: root, stdio: 'ignore' }),
  },
  {
    name: 'runit runsv',
    tools: ['runsv'],
    logged: true,
    exitsOnX: true,
    start: (root) => startProcess(tool('runsv'), ['sv'], { cwd: root, stdio: 'ignore' }),
  },
  {
    name: 'svtui scan',
    tools: [],
    logged: true,
    exitsOnX: false,
    start: (root) =>
      startProcess(process.execPath, [cli, 'scan', '.'], { cwd: root, stdio: 'ignore' }),
  },
];

/**
 * Stop what `supervisor.start(root)` started: `svc -dx` on the service (and its log), wait for a
 * supervisor that exits on x, then stop the process group by pid (TERM, then KILL).
 */
export async function shutdown(
  supervisor: Supervisor,
  child: ChildProcess,
  root: string,
  logged: boolean,
): Promise<void> {
  runCli(['svc', '-dx', 'sv'], { cwd: root });
  if (logged) runCli(['svc', '-dx', 'sv/log'], { cwd: root });
  if (supervisor.exitsOnX) {
    await Promise.race([exited(child), new Promise((r) => setTimeout(r, 3000))]);
  }
  await stopProcess(child);
}

export interface LiveService {
  /** Whether the reference tools are installed (a loud SKIPPED line is printed when not). */
  readonly present: boolean;
  root: string;
  dir: string;
  child: ChildProcess | undefined;
  /** `svtui svc LETTERS sv`, which must succeed silently. */
  svc(letters: string): void;
}

/**
 * `root/sv` under `supervisor` for a whole describe block: started (and seen running) before its
 * tests, shut down after them.
 */
export function liveService(
  supervisor: Supervisor,
  prefix: string,
  options: { logged?: boolean; run?: string } = {},
): LiveService {
  const logged = options.logged ?? false;
  const live: LiveService = {
    present: haveTools(...supervisor.tools, 'svc', 'svstat'),
    root: '',
    dir: '',
    child: undefined,
    svc(letters) {
      const sent = runCli(['svc', letters, 'sv'], { cwd: live.root });
      expect(sent.stderr.toString()).toBe('');
      expect(sent.status).toBe(0);
    },
  };
  beforeAll(async () => {
    if (!live.present) return;
    live.root = tempDir(prefix);
    live.dir = makeService(live.root, 'sv', logged, options.run);
    live.child = supervisor.start(live.root);
    await waitFor(() => (status(live.dir)?.pid ?? 0) !== 0 && probeSupervisor(live.dir).running);
  });
  afterAll(async () => {
    if (live.child) await shutdown(supervisor, live.child, live.root, logged);
  });
  return live;
}
