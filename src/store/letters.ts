// Every svc letter the console offers, with what it does in daemontools' terms (spec §2.5).
// `asks`: the letter can stop or disturb the process, so the console confirms it first.

export type ControlLetter = 'u' | 'd' | 'o' | 'p' | 'c' | 'h' | 'a' | 'i' | 't' | 'k' | 'x';

export interface LetterInfo {
  letter: ControlLetter;
  name: string;
  does: string;
  /** The same in at most 26 columns, for the help at 80×24. */
  brief: string;
  asks: boolean;
}

export const controlLetters: readonly LetterInfo[] = [
  {
    letter: 'u',
    name: 'up',
    does: 'start it; restart it whenever it exits',
    brief: 'start; restart on exit',
    asks: false,
  },
  {
    letter: 'd',
    name: 'down',
    does: 'send TERM then CONT; do not restart',
    brief: 'TERM+CONT; no restart',
    asks: true,
  },
  {
    letter: 'o',
    name: 'once',
    does: 'start it if down; do not restart it',
    brief: 'start; no restart',
    asks: false,
  },
  {
    letter: 'p',
    name: 'pause',
    does: 'send STOP (freeze the process)',
    brief: 'STOP: freeze it',
    asks: true,
  },
  {
    letter: 'c',
    name: 'continue',
    does: 'send CONT (resume after pause)',
    brief: 'CONT: resume',
    asks: false,
  },
  {
    letter: 'h',
    name: 'hup',
    does: 'send HUP (many daemons reload)',
    brief: 'HUP (often: reload)',
    asks: true,
  },
  {
    letter: 'a',
    name: 'alarm',
    does: 'send ALRM (multilog: rotate now)',
    brief: 'ALRM (multilog: rotate)',
    asks: true,
  },
  { letter: 'i', name: 'interrupt', does: 'send INT', brief: 'INT: interrupt', asks: true },
  {
    letter: 't',
    name: 'term',
    does: 'send TERM; restarted if want is up',
    brief: 'TERM; restarts if want up',
    asks: true,
  },
  {
    letter: 'k',
    name: 'kill',
    does: 'send KILL; restarted if want is up',
    brief: 'KILL; restarts if want up',
    asks: true,
  },
  {
    letter: 'x',
    name: 'exit',
    does: 'supervisor exits once the service is down',
    brief: 'supervisor exits when down',
    asks: true,
  },
];

export function letterInfo(letter: ControlLetter): LetterInfo {
  const info = controlLetters.find((l) => l.letter === letter);
  if (!info) throw new Error(`unknown control letter ${letter}`);
  return info;
}

/** The signal a letter sends, for status messages ("alpha: TERM sent"). */
export function letterSignal(letter: ControlLetter): string | undefined {
  const map: Partial<Record<ControlLetter, string>> = {
    d: 'TERM',
    p: 'STOP',
    c: 'CONT',
    h: 'HUP',
    a: 'ALRM',
    i: 'INT',
    t: 'TERM',
    k: 'KILL',
  };
  return map[letter];
}
