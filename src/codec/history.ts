// supervise/svtui-history: restart accounting that the real tools ignore and the console reads.
// A small text file, one fact per line, so an operator can `cat` it:
//
//   svtui-history 2
//   starts 12
//   last exit 1                      (or `last signal KILL`; absent before the first death)
//   problem unable to start run: file does not exist   (only while it cannot start)
//   start @4000000069230e4d0a1b2c3d  (recent starts, oldest first, at most MAX_RECENT)
//   exit @4000000069230e4f00000000 exit 1      (recent deaths, oldest first)
//   exit @4000000069230e5000000000 signal KILL
//   check 5d41402a                   (FNV-1a of every byte above it)
//
// Times are TAI64N labels (daemontools' clock, src/codec/tai64n.ts). Pure format/parse; an
// unknown line is skipped so later versions can add facts; a wrong first line is not a history.
// The supervisor rewrites the file in place (a rename costs ext4 a flush of the new file: ~0.4 ms
// of CPU per write, the largest part of a restart), so a reader can catch it half-written: the
// `check` line tells such a read (refused, read again later) from a whole one; what follows the
// `check` line is a longer earlier version's tail, about to be cut. Version 1 (an earlier svtui,
// which renamed the file into place) has no `check` line and is read as it is; a read caught
// half-way starts with the new text's first line, so it is never taken for version 1.
import { formatLabel, parseLabel, type Tai64nTime } from './tai64n.js';

/** How a run ended: its exit code, or the signal that killed it (name such as `KILL`). */
export type ExitReason = { kind: 'exit'; code: number } | { kind: 'signal'; signal: string };

export interface ExitRecord {
  at: Tai64nTime;
  reason: ExitReason;
}

export interface ServiceHistory {
  /** Starts since this supervisor began supervising the service. */
  starts: number;
  lastExit?: ExitReason;
  /** Why the service cannot be started right now (missing or non-executable run, ...). */
  problem?: string;
  /** Recent start times, oldest first. */
  recentStarts: Tai64nTime[];
  /** Recent deaths, oldest first. */
  recentExits: ExitRecord[];
}

/** How many recent starts and exits the file keeps. */
export const MAX_RECENT = 10;

const MAGIC = 'svtui-history 2';
/** An earlier svtui's files: the same lines without `check`. */
const MAGIC_1 = 'svtui-history 1';

export function emptyHistory(): ServiceHistory {
  return { starts: 0, recentStarts: [], recentExits: [] };
}

export function formatExitReason(reason: ExitReason): string {
  return reason.kind === 'exit' ? `exit ${reason.code}` : `signal ${reason.signal}`;
}

export function parseExitReason(text: string): ExitReason | undefined {
  const exit = /^exit (\d{1,3})$/.exec(text);
  if (exit) return { kind: 'exit', code: Number(exit[1]) };
  const signal = /^signal ([A-Z0-9]+)$/.exec(text);
  if (signal?.[1]) return { kind: 'signal', signal: signal[1] };
  return undefined;
}

export function formatHistory(history: ServiceHistory): string {
  const lines = [MAGIC, `starts ${history.starts}`];
  if (history.lastExit) lines.push(`last ${formatExitReason(history.lastExit)}`);
  if (history.problem) lines.push(`problem ${history.problem.replace(/\n/g, ' ')}`);
  for (const at of history.recentStarts.slice(-MAX_RECENT)) lines.push(`start ${formatLabel(at)}`);
  for (const e of history.recentExits.slice(-MAX_RECENT))
    lines.push(`exit ${formatLabel(e.at)} ${formatExitReason(e.reason)}`);
  const body = `${lines.join('\n')}\n`;
  return `${body}check ${checksum(body)}\n`;
}

/** FNV-1a (32 bits) of the text's UTF-16 code units, as 8 hex digits. */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The text up to its `check` line when that line vouches for it; undefined when it does not. */
function checked(text: string): string | undefined {
  if (text.startsWith(`${MAGIC_1}\n`)) return text;
  const at = text.indexOf('\ncheck ');
  if (at < 0) return undefined;
  const body = text.slice(0, at + 1);
  return text.slice(at + 7, at + 15) === checksum(body) ? body : undefined;
}

/** The history in `text`, or undefined when it is not an svtui-history file. */
export function parseHistory(text: string): ServiceHistory | undefined {
  const body = checked(text);
  if (body === undefined) return undefined;
  const lines = body.split('\n');
  if (lines[0] !== MAGIC && lines[0] !== MAGIC_1) return undefined;
  const history = emptyHistory();
  for (const line of lines.slice(1)) {
    const space = line.indexOf(' ');
    const key = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? '' : line.slice(space + 1);
    if (key === 'starts' && /^\d+$/.test(rest)) history.starts = Number(rest);
    else if (key === 'last') history.lastExit = parseExitReason(rest) ?? history.lastExit;
    else if (key === 'problem' && rest) history.problem = rest;
    else if (key === 'start') {
      const at = parseLabel(rest);
      if (at) history.recentStarts.push(at);
    } else if (key === 'exit') {
      const at = parseLabel(rest.slice(0, 25));
      const reason = parseExitReason(rest.slice(26));
      if (at && reason) history.recentExits.push({ at, reason });
    }
  }
  return history;
}
