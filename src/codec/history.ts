// supervise/svtui-history: restart accounting that the real tools ignore and the console reads.
// A small text file, one fact per line, so an operator can `cat` it:
//
//   svtui-history 1
//   starts 12
//   last exit 1                      (or `last signal KILL`; absent before the first death)
//   problem unable to start run: file does not exist   (only while it cannot start)
//   start @4000000069230e4d0a1b2c3d  (recent starts, oldest first, at most MAX_RECENT)
//   exit @4000000069230e4f00000000 exit 1      (recent deaths, oldest first)
//   exit @4000000069230e5000000000 signal KILL
//
// Times are TAI64N labels (daemontools' clock, src/codec/tai64n.ts). Pure format/parse; an
// unknown line is skipped so later versions can add facts; a wrong first line is not a history.
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

const MAGIC = 'svtui-history 1';

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
  return `${lines.join('\n')}\n`;
}

/** The history in `text`, or undefined when it is not an svtui-history file. */
export function parseHistory(text: string): ServiceHistory | undefined {
  const lines = text.split('\n');
  if (lines[0] !== MAGIC) return undefined;
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
