// `if failed program "./check" [with timeout N seconds] [status OP N]`: the command run with
// execa in the service directory, in its own process group (detached), stdin closed, its output
// kept (bounded) for the event. On timeout the whole group gets SIGKILL — a check that forks a
// `sleep` must not leave it behind — and the probe resolves at the timeout even if a process
// that left the group still holds the output pipe open: a hanging check never outlives its time.
import { execa } from 'execa';
import { settleOrKill, type ChildGroups } from './group-timeout.js';
import type { ProgramRule } from '../monitor/index.js';
import { compare } from '../monitor/index.js';
import { probeResult, type Clock, type ProbeResult } from './probe-result.js';

/** How much of a check's output is kept (the last line of it goes into the event). */
const MAX_OUTPUT = 16 * 1024;

export interface ProgramOptions {
  /** The service directory: the command runs there, `./check` is relative to it. */
  cwd: string;
  env?: Record<string, string>;
  clock?: Clock;
  /** Told of the check's process group while it runs (killed at a stop). */
  groups?: ChildGroups;
}

export async function probeProgram(
  rule: Pick<ProgramRule, 'command' | 'timeoutSeconds' | 'status'>,
  options: ProgramOptions,
): Promise<ProbeResult> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const [file, ...args] = rule.command.argv;
  const name = `"${rule.command.text}"`;
  if (file === undefined) return probeResult('error', started, clock, `${name}: empty command`);
  const timeoutMs = rule.timeoutSeconds * 1000;
  const child = execa(file, args, {
    cwd: options.cwd,
    env: options.env ?? {},
    detached: true,
    reject: false,
    stdin: 'ignore',
    all: true,
    maxBuffer: MAX_OUTPUT,
    cleanup: true,
  });
  const outcome = await settleOrKill(child, timeoutMs, options.groups);
  if (outcome === 'timeout') {
    return probeResult(
      'timeout',
      started,
      clock,
      `${name} did not finish in ${timeoutMs} ms, killed`,
    );
  }
  const output = lastLine(typeof outcome.all === 'string' ? outcome.all : '');
  const said = output ? `: ${output}` : '';
  if (outcome.exitCode === undefined) {
    if (outcome.signal) {
      return probeResult('signal', started, clock, `${name} killed by ${outcome.signal}${said}`);
    }
    return probeResult(
      'error',
      started,
      clock,
      `${name}: ${outcome.shortMessage ?? 'could not run'}`,
    );
  }
  const code = outcome.exitCode;
  const ok = compare(code, rule.status.op, rule.status.value);
  const expected = `status ${rule.status.op} ${rule.status.value}`;
  const text = `${name} exited ${code}${ok ? '' : `, expected ${expected}`}${said}`;
  return probeResult(ok ? 'ok' : 'exit', started, clock, text, code);
}

function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 200);
}
