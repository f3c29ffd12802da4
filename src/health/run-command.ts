// Runs an alert hook or an `exec` action: execa, detached in its own process group, stdin closed,
// output discarded, killed (the whole group) after a timeout. It never throws and is not awaited
// by the engine: the caller gets a promise of what happened, for an event or a test. A hook that
// is missing is said so, not an error (no hook is a valid setup).
import { execa } from 'execa';
import { settleOrKill, type ChildGroups } from './group-timeout.js';

export const HOOK_TIMEOUT_MS = 30_000;

export interface CommandOutcome {
  ok: boolean;
  /** exited N, killed by SIGX, timed out, missing, cannot run */
  text: string;
  code?: number;
}

export async function runCommand(
  argv: readonly string[],
  options: {
    cwd: string;
    env: Record<string, string>;
    timeoutMs?: number;
    groups?: ChildGroups;
  },
): Promise<CommandOutcome> {
  const [file, ...args] = argv;
  if (file === undefined) return { ok: false, text: 'empty command' };
  const timeoutMs = options.timeoutMs ?? HOOK_TIMEOUT_MS;
  const child = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    reject: false,
    stdio: 'ignore',
    cleanup: true,
  });
  const outcome = await settleOrKill(child, timeoutMs, options.groups);
  if (outcome === 'timeout') {
    return { ok: false, text: `timed out after ${timeoutMs} ms, killed` };
  }
  if (outcome.exitCode !== undefined) {
    return {
      ok: outcome.exitCode === 0,
      text: `exited ${outcome.exitCode}`,
      code: outcome.exitCode,
    };
  }
  if (outcome.signal) return { ok: false, text: `killed by ${outcome.signal}` };
  const code = (outcome.cause as NodeJS.ErrnoException | undefined)?.code;
  return {
    ok: false,
    text: code === 'ENOENT' ? 'missing' : (outcome.shortMessage ?? 'cannot run'),
  };
}
