// What runit's and s6's service-directory files mean (shared/spec/monit.md, "runit" and "s6
// service-directory files"): `finish` and `check` beside `run`, and s6's one-value files
// `notification-fd`, `timeout-kill`, `timeout-finish` and `down-signal`. Pure: the supervisor
// (src/supervisor/service-settings.ts) and `svtui check` read the files and hand the texts here,
// so both judge a value the same way.
//
// Which convention a service gets — what ./finish is told, and whether its exit 125 means "do not
// restart" — is s6's when the directory holds a file only s6 knows, or when the tree is an
// s6-svscan tree (it has `.s6-svscan/`); runit's otherwise.
import type { ExitReason } from './history.js';
import { parseSignal, signalNumber, type Signal } from './signals.js';

export type Convention = 'runit' | 's6';

/** The one-value files, each read and judged here. */
export const SETTING_FILES = [
  'notification-fd',
  'timeout-kill',
  'timeout-finish',
  'down-signal',
] as const;
export type SettingFile = (typeof SETTING_FILES)[number];

/** Files only s6 gives a meaning: one of them makes the service s6's. */
export const S6_ONLY_FILES: readonly string[] = [...SETTING_FILES, 'max-death-tally', 'lock-fd'];

/** s6's default `timeout-finish`. */
export const S6_FINISH_LIMIT_MS = 5000;
/**
 * runit lets ./finish run for ever, and the service stays down meanwhile; svtui gives it a minute
 * (long enough for a cleanup or a back-off sleep), then kills it and says so.
 */
export const RUNIT_FINISH_LIMIT_MS = 60_000;
/** sv polls ./check every 420 ms. */
export const CHECK_INTERVAL_MS = 420;
/**
 * How long a service with a readiness signal (notification-fd, ./check) is waited for: ./check
 * is polled this long after a start, and the health engine's grace lasts at most this long.
 */
export const READY_LIMIT_MS = 60_000;
/** What ./finish is told when ./run could not be started (runsv: its child exits 111). */
const UNSTARTED_CODE = 111;
/** s6's first argument when ./run was killed by a signal. */
const S6_SIGNALLED = 256;
/** A ./finish exit that tells s6-supervise not to restart the service. */
export const S6_NO_RESTART = 125;

/** How a service directory asks to be run, read afresh at each start. */
export interface RunSettings {
  convention: Convention;
  /** Sent (then CONT) on `d` and when the supervisor stops. */
  downSignal: Signal;
  /** After `d` or `t`, KILL if ./run still lives this many ms later; 0 = never. */
  timeoutKillMs: number;
  /** KILL ./finish if it runs this many ms; 0 = never. */
  timeoutFinishMs: number;
  /** ./run gets a pipe on this fd; a newline on it means ready. */
  notificationFd?: number;
  /** ./check exists: it is polled after each start; exit 0 means ready. */
  check: boolean;
}

export const RUNIT_SETTINGS: RunSettings = {
  convention: 'runit',
  downSignal: 'SIGTERM',
  timeoutKillMs: 0,
  timeoutFinishMs: RUNIT_FINISH_LIMIT_MS,
  check: false,
};

/** A file whose value is refused: the default stands. */
export interface SettingProblem {
  file: SettingFile;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const shown = (text: string) => JSON.stringify(text.trim().slice(0, 40));

/** timeout-kill, timeout-finish: an unsigned number of milliseconds, surrounding blanks allowed. */
export function parseMillis(text: string): Parsed<number> {
  const word = text.trim();
  if (!/^\d{1,12}$/.test(word)) {
    return { ok: false, message: `${shown(text)} is not a number of milliseconds` };
  }
  return { ok: true, value: Number(word) };
}

/** down-signal: a signal's name (`TERM`, `SIGTERM`) or number. */
export function parseDownSignal(text: string): Parsed<Signal> {
  const signal = parseSignal(text);
  return signal
    ? { ok: true, value: signal }
    : { ok: false, message: `${shown(text)} is not a signal (write a name such as TERM or HUP)` };
}

/** notification-fd: a descriptor of 3 or more (0-2 are ./run's stdin, stdout and stderr). */
export function parseNotificationFd(text: string): Parsed<number> {
  const word = text.trim();
  if (!/^\d{1,4}$/.test(word)) {
    return { ok: false, message: `${shown(text)} is not a file descriptor number` };
  }
  const fd = Number(word);
  if (fd < 3) {
    const which = ['stdin', 'stdout', 'stderr'][fd];
    return { ok: false, message: `fd ${fd} is ./run's ${which}: use 3 or more` };
  }
  return { ok: true, value: fd };
}

/**
 * The settings of a directory holding the files `present` (names), with the texts of its
 * setting files; `s6Tree`: the tree has `.s6-svscan/`. A refused value is a problem and the
 * default stands.
 */
export function settingsOf(
  present: ReadonlySet<string>,
  texts: Partial<Record<SettingFile, string>>,
  s6Tree: boolean,
): { settings: RunSettings; problems: SettingProblem[] } {
  const s6 = s6Tree || S6_ONLY_FILES.some((f) => present.has(f));
  const settings: RunSettings = {
    ...RUNIT_SETTINGS,
    convention: s6 ? 's6' : 'runit',
    timeoutFinishMs: s6 ? S6_FINISH_LIMIT_MS : RUNIT_FINISH_LIMIT_MS,
    check: present.has('check'),
  };
  const problems: SettingProblem[] = [];
  const take = <T>(file: SettingFile, parse: (t: string) => Parsed<T>, set: (v: T) => void) => {
    const text = texts[file];
    if (text === undefined) return;
    const parsed = parse(text);
    if (parsed.ok) set(parsed.value);
    else problems.push({ file, message: parsed.message });
  };
  take('timeout-kill', parseMillis, (v) => (settings.timeoutKillMs = v));
  take('timeout-finish', parseMillis, (v) => (settings.timeoutFinishMs = v));
  take('down-signal', parseDownSignal, (v) => (settings.downSignal = v));
  take('notification-fd', parseNotificationFd, (v) => (settings.notificationFd = v));
  return { settings, problems };
}

/** How ./run ended, for ./finish: an exit, a signal, or no start at all. */
export type RunEnd = ExitReason | { kind: 'unstarted' };

/** Whether ./finish runs after `end` (s6 runs none when ./run could not start). */
export function runsFinish(convention: Convention, end: RunEnd): boolean {
  return end.kind !== 'unstarted' || convention === 'runit';
}

/**
 * ./finish's arguments. runit: the exit code (-1 when killed) and the signal (the low byte of the
 * wait status), `111 0` when ./run could not start (runsv's child exits 111). s6: the exit code
 * (256 when killed), the signal, the directory's name and ./run's process group (s6 runs no
 * ./finish when ./run could not start: see runsFinish).
 */
export function finishArgs(
  convention: Convention,
  end: RunEnd,
  name: string,
  pgid: number,
): string[] {
  const ended: ExitReason = end.kind === 'unstarted' ? { kind: 'exit', code: UNSTARTED_CODE } : end;
  const signal = ended.kind === 'signal' ? String(signalNumber(ended.signal) ?? 0) : '0';
  if (convention === 'runit') {
    return ended.kind === 'exit' ? [String(ended.code), '0'] : ['-1', signal];
  }
  const code = ended.kind === 'exit' ? String(ended.code) : String(S6_SIGNALLED);
  return [code, signal, name, String(pgid)];
}
