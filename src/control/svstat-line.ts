// svstat's line, built exactly as daemontools builds it (spec §3.2). Pure: the clock comes in.
import type { ServiceStatus } from '../codec/status.js';

/** What svstat learns about one directory: a failure already worded, or the status it read. */
export type SvstatObservation =
  { ok: false; reason: string } | { ok: true; normallyDown: boolean; status: ServiceStatus };

/** `DIR: TEXT` without the newline. */
export function formatSvstatLine(
  dir: string,
  observation: SvstatObservation,
  nowUnixSeconds: bigint,
): string {
  const text = observation.ok
    ? describeStatus(observation.status, observation.normallyDown, nowUnixSeconds)
    : observation.reason;
  return `${dir}: ${text}`;
}

/**
 * `up (pid P) S seconds[, normally down][, paused][, want down]` or
 * `down S seconds[, normally up][, want up]`. Only the pid decides up or down (runsv's finish
 * state shows as up, as daemontools' svstat shows it); a stamp in the future counts as 0 s.
 */
export function describeStatus(
  status: ServiceStatus,
  normallyDown: boolean,
  nowUnixSeconds: bigint,
): string {
  // svstat prints tai_approx() of the difference: a double, so past 2^53 it is rounded.
  const elapsed = BigInt(
    Number(nowUnixSeconds > status.since.seconds ? nowUnixSeconds - status.since.seconds : 0n),
  );
  const up = status.pid !== 0;
  const parts = [
    up ? `up (pid ${status.pid >>> 0}) ${elapsed} seconds` : `down ${elapsed} seconds`,
  ];
  if (up && normallyDown) parts.push('normally down');
  if (!up && !normallyDown) parts.push('normally up');
  if (up && status.paused) parts.push('paused');
  if (!up && status.want === 'up') parts.push('want up');
  if (up && status.want === 'down') parts.push('want down');
  return parts.join(', ');
}
