// What every probe returns, never throws: whether it passed, how long it took, what kind of
// outcome it was and a line saying so. Plain data, so the engine and its tests see no sockets.

export type ProbeKind =
  /** Passed: connected, the status and content matched, the program's exit status held. */
  | 'ok'
  /** The connection was refused or reset, or the host is unreachable. */
  | 'refused'
  /** Nothing (or not all) came back within the rule's timeout. */
  | 'timeout'
  /** HTTP: the status did not satisfy the rule. */
  | 'status'
  /** HTTP: the body did not satisfy `content`. */
  | 'content'
  /** A program exited with a status the rule does not accept. */
  | 'exit'
  /** A program was killed by a signal. */
  | 'signal'
  /** Anything else: a bad host name, a program that cannot be run, a protocol error. */
  | 'error';

export interface ProbeResult {
  ok: boolean;
  /** Wall time the probe took, ms (all attempts, with `retry`). */
  ms: number;
  kind: ProbeKind;
  /** The HTTP status or the program's exit status, when there is one. */
  code?: number;
  /** One line for the event: what was tried and what came back. */
  text: string;
}

/** A clock in milliseconds; probes measure with it, tests pass their own. */
export type Clock = () => number;

export function probeResult(
  kind: ProbeKind,
  started: number,
  clock: Clock,
  text: string,
  code?: number,
): ProbeResult {
  const result: ProbeResult = { ok: kind === 'ok', ms: Math.max(0, clock() - started), kind, text };
  if (code !== undefined) result.code = code;
  return result;
}
