// The one table of control letters (spec §2.5, §3.1): every byte a supervisor reads from
// supervise/control, with what it does in daemontools' words, what the console shows and asks,
// the signals it sends and the state change the core makes. `svtui svc`, the console and the
// state machine (src/core/service.ts) all read it; nothing else lists letters. Pure.
//
// The first eleven are svc's (`-udopchaitkx`); `q 1 2` are runsv's extras (QUIT, USR1, USR2, for
// `sv quit`, `sv 1`, `sv 2`): daemontools' supervise ignores them, but svc cannot send them, so
// only a runit or s6 user ever writes them — and means the signal. svc and the console offer
// only the first eleven.

/** svc's letters, the ones the console offers. */
export type ControlLetter = 'u' | 'd' | 'o' | 'p' | 'c' | 'h' | 'a' | 'i' | 't' | 'k' | 'x';
/** runsv's extra letters, understood by the core. */
export type RunitLetter = 'q' | '1' | '2';
/** Every control byte the core acts on. */
export type Letter = ControlLetter | RunitLetter;

export type SignalName =
  | 'SIGTERM'
  | 'SIGCONT'
  | 'SIGSTOP'
  | 'SIGHUP'
  | 'SIGALRM'
  | 'SIGINT'
  | 'SIGKILL'
  | 'SIGQUIT'
  | 'SIGUSR1'
  | 'SIGUSR2';

/**
 * What the supervisor does with the letter besides signalling (the core switches on it):
 * `want-up`/`want-once`/`want-down` set what it wants (down also TERMs+CONTs a running
 * process), `pause`/`continue` set the paused flag, `term` marks a TERM as sent, `exit` ends
 * supervision once down, `signal` only signals a running process and leaves status alone.
 */
export type LetterAction =
  'want-up' | 'want-once' | 'want-down' | 'pause' | 'continue' | 'term' | 'exit' | 'signal';

export interface LetterFacts<L extends Letter = Letter> {
  letter: L;
  /** svc's word for it, as in its usage line: `up`, `down`, ..., `kill`. */
  name: string;
  /** What it does, in daemontools' terms. */
  does: string;
  /** The same in at most 26 columns, for the help at 80×24. */
  brief: string;
  /** The letter can stop or disturb the process, so the console confirms it first. */
  asks: boolean;
  /** The signals sent to a running process, in order (none for u, o, x). */
  signals: readonly SignalName[];
  action: LetterAction;
}

/** One of svc's letters. */
export type LetterInfo = LetterFacts<ControlLetter>;

/** svc's letters in getopt's order (`udopchaitkx`): the console's menu and help. */
export const controlLetters: readonly LetterInfo[] = [
  {
    letter: 'u',
    name: 'up',
    does: 'start it; restart it whenever it exits',
    brief: 'start; restart on exit',
    asks: false,
    signals: [],
    action: 'want-up',
  },
  {
    letter: 'd',
    name: 'down',
    does: 'send TERM then CONT; do not restart',
    brief: 'TERM+CONT; no restart',
    asks: true,
    signals: ['SIGTERM', 'SIGCONT'],
    action: 'want-down',
  },
  {
    letter: 'o',
    name: 'once',
    does: 'start it if down; do not restart it',
    brief: 'start; no restart',
    asks: false,
    signals: [],
    action: 'want-once',
  },
  {
    letter: 'p',
    name: 'pause',
    does: 'send STOP (freeze the process)',
    brief: 'STOP: freeze it',
    asks: true,
    signals: ['SIGSTOP'],
    action: 'pause',
  },
  {
    letter: 'c',
    name: 'continue',
    does: 'send CONT (resume after pause)',
    brief: 'CONT: resume',
    asks: false,
    signals: ['SIGCONT'],
    action: 'continue',
  },
  {
    letter: 'h',
    name: 'hup',
    does: 'send HUP (many daemons reload)',
    brief: 'HUP (often: reload)',
    asks: true,
    signals: ['SIGHUP'],
    action: 'signal',
  },
  {
    letter: 'a',
    name: 'alarm',
    does: 'send ALRM (a logger rotates; log service: menu)',
    brief: 'ALRM',
    asks: true,
    signals: ['SIGALRM'],
    action: 'signal',
  },
  {
    letter: 'i',
    name: 'interrupt',
    does: 'send INT',
    brief: 'INT: interrupt',
    asks: true,
    signals: ['SIGINT'],
    action: 'signal',
  },
  {
    letter: 't',
    name: 'term',
    does: 'send TERM; restarted if want is up',
    brief: 'TERM; restarts if want up',
    asks: true,
    signals: ['SIGTERM'],
    action: 'term',
  },
  {
    letter: 'k',
    name: 'kill',
    does: 'send KILL; restarted if want is up',
    brief: 'KILL; restarts if want up',
    asks: true,
    signals: ['SIGKILL'],
    action: 'signal',
  },
  {
    letter: 'x',
    name: 'exit',
    does: 'supervisor exits once the service is down',
    brief: 'supervisor exits when down',
    asks: true,
    signals: [],
    action: 'exit',
  },
];

/** runsv's extras: the core acts on them; svc and the console do not offer them. */
export const runitLetters: readonly LetterFacts<RunitLetter>[] = [
  {
    letter: 'q',
    name: 'quit',
    does: 'send QUIT (runsv: sv quit)',
    brief: 'QUIT',
    asks: true,
    signals: ['SIGQUIT'],
    action: 'signal',
  },
  {
    letter: '1',
    name: 'usr1',
    does: 'send USR1 (runsv: sv 1)',
    brief: 'USR1',
    asks: true,
    signals: ['SIGUSR1'],
    action: 'signal',
  },
  {
    letter: '2',
    name: 'usr2',
    does: 'send USR2 (runsv: sv 2)',
    brief: 'USR2',
    asks: true,
    signals: ['SIGUSR2'],
    action: 'signal',
  },
];

const byByte = new Map<string, LetterFacts>(
  [...controlLetters, ...runitLetters].map((facts) => [facts.letter, facts]),
);

/** The facts of a control byte, or undefined for one no supervisor acts on. */
export function letterFacts(byte: string): LetterFacts | undefined {
  return byByte.get(byte);
}

/** Whether `byte` is one of svc's letters. */
export function isControlLetter(byte: string): byte is ControlLetter {
  return controlLetters.some((facts) => facts.letter === byte);
}

export function letterInfo(letter: ControlLetter): LetterInfo {
  const info = controlLetters.find((l) => l.letter === letter);
  if (!info) throw new Error(`unknown control letter ${letter}`);
  return info;
}

/** The (first) signal a letter sends, without `SIG`, for status messages ("alpha: TERM sent"). */
export function letterSignal(letter: Letter): string | undefined {
  return letterFacts(letter)?.signals[0]?.slice(3);
}

/** svc's getopt option string: `udopchaitkx`. */
export const SVC_LETTERS = controlLetters.map((l) => l.letter).join('');

/** svc's usage line after an illegal option, letters in daemontools' order (x after o). */
const USAGE_ORDER: readonly ControlLetter[] = [
  'u',
  'd',
  'o',
  'x',
  'p',
  'c',
  'h',
  'a',
  'i',
  't',
  'k',
];
export const SVC_USAGE = `svc options: ${USAGE_ORDER.map((l) => `${l} ${letterInfo(l).name}`).join(', ')}`;
