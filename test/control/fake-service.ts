// Fixtures for the control tests: fake service directories with FIFOs whose reader the test
// holds, synthetic status files, and a side-by-side runner for the real tool and svtui.
import { closeSync, constants, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { packStatus, type ServiceStatus } from '../../src/codec/status.js';
import { runCli, runSync, tool as toolPath } from '../support/tools.js';

const held: number[] = [];
afterAll(() => {
  for (const fd of held.splice(0)) closeSync(fd);
});

export function mkfifo(path: string): void {
  const made = runSync(['mkfifo', '-m', '600', path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path}: ${made.stderr.toString()}`);
}

/** Open a FIFO's read end (non-blocking) and keep it open until the test file ends. */
export function holdReader(path: string): number {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  held.push(fd);
  return fd;
}

/** Every byte waiting in a FIFO whose read end we hold. */
export function drain(fd: number): string {
  const buffer = Buffer.alloc(4096);
  let text = '';
  for (;;) {
    try {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return text;
      text += buffer.subarray(0, n).toString('latin1');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return text;
      throw error;
    }
  }
}

export interface FakeService {
  dir: string;
  okReader?: number;
  controlReader?: number;
}

/** `root/name/supervise/` with ok and control FIFOs (read ends held when asked) and a status. */
export function fakeService(
  root: string,
  name: string,
  options: { status?: Buffer; ok?: 'held' | 'fifo'; control?: 'held' | 'fifo'; down?: boolean },
): FakeService {
  const dir = join(root, name);
  mkdirSync(join(dir, 'supervise'), { recursive: true });
  const fake: FakeService = { dir };
  if (options.ok) {
    mkfifo(join(dir, 'supervise/ok'));
    if (options.ok === 'held') fake.okReader = holdReader(join(dir, 'supervise/ok'));
  }
  if (options.control) {
    mkfifo(join(dir, 'supervise/control'));
    if (options.control === 'held') fake.controlReader = holdReader(join(dir, 'supervise/control'));
  }
  if (options.status) writeFileSync(join(dir, 'supervise/status'), options.status);
  if (options.down) writeFileSync(join(dir, 'down'), '');
  return fake;
}

/** A status packed in runit's layout; `bytes` 18 keeps only daemontools' part. */
export function statusBytes(over: Partial<ServiceStatus>, bytes = 20): Buffer {
  const status: ServiceStatus = {
    since: { seconds: BigInt(Math.floor(Date.now() / 1000)), nanoseconds: 500 },
    pid: 0,
    paused: false,
    want: 'up',
    gotTerm: false,
    state: over.pid ? 'run' : 'down',
    ...over,
  };
  return packStatus(status).subarray(0, bytes);
}

export interface Outcome {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** The real `tool ARGS` (found on PATH) and `svtui tool ARGS`, both run in `cwd`. */
export function sideBySide(
  tool: string,
  args: string[],
  cwd: string,
): { real: Outcome; ours: Outcome } {
  const text = (r: ReturnType<typeof runSync>): Outcome => ({
    stdout: r.stdout.toString('latin1'),
    stderr: r.stderr.toString('latin1'),
    status: r.status,
  });
  return {
    real: text(runSync([toolPath(tool), ...args], { cwd })),
    ours: text(runCli([tool, ...args], { cwd })),
  };
}

/** Replace every `N seconds` count, for comparisons across a second boundary. */
export function normaliseSeconds(outcome: Outcome): Outcome {
  return { ...outcome, stdout: outcome.stdout.replace(/\d+ seconds/g, 'N seconds') };
}
