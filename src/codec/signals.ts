// Linux's signal numbers (x86_64 and arm64 share them), for what the service-directory files name
// and what ./finish is told: s6's `down-signal` holds a name or a number, and both runit and s6
// pass the number of the signal that killed ./run. Pure.

const NUMBERS: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  IO: 29,
  PWR: 30,
  SYS: 31,
};

/** A signal by its full name, as process.kill takes it: `SIGTERM`. */
export type Signal = `SIG${string}`;

/** The number of a signal named `TERM` or `SIGTERM`; undefined for a name Linux does not have. */
export function signalNumber(name: string): number | undefined {
  return NUMBERS[name.replace(/^SIG/, '')];
}

/** `SIGTERM` for 15; undefined for a number that is no signal. */
export function signalByNumber(n: number): Signal | undefined {
  const name = Object.keys(NUMBERS).find((k) => NUMBERS[k] === n);
  return name === undefined ? undefined : `SIG${name}`;
}

/**
 * A signal as a person writes it: `TERM`, `SIGTERM`, `sigterm` or `15`. Undefined when it names
 * no signal Linux has.
 */
export function parseSignal(text: string): Signal | undefined {
  const word = text.trim();
  if (/^\d+$/.test(word)) return signalByNumber(Number(word));
  const name = word.toUpperCase().replace(/^SIG/, '');
  return NUMBERS[name] === undefined ? undefined : `SIG${name}`;
}
