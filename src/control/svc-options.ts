// svc's command line (spec §3.1), parsed as getopt does with the option string "udopchaitkx":
// letters may be combined and repeated, each distinct letter is kept once in order of first
// appearance, `--` ends the options, a lone `-` or the first non-option word starts the dirs.
// Pure.

export const SVC_LETTERS = 'udopchaitkx';

export const SVC_USAGE =
  'svc options: u up, d down, o once, x exit, p pause, c continue, h hup, a alarm, i interrupt, t term, k kill';

export type SvcArgs =
  { ok: true; letters: string; dirs: string[] } | { ok: false; illegal: string };

export function parseSvcArgs(args: string[]): SvcArgs {
  let letters = '';
  let index = 0;
  for (; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--') {
      index++;
      break;
    }
    if (arg.length < 2 || !arg.startsWith('-')) break;
    for (const letter of arg.slice(1)) {
      if (!SVC_LETTERS.includes(letter)) return { ok: false, illegal: letter };
      if (!letters.includes(letter)) letters += letter;
    }
  }
  return { ok: true, letters, dirs: args.slice(index) };
}
