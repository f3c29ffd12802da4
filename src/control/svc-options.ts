// svc's command line (spec §3.1), parsed as getopt does with the option string "udopchaitkx":
// letters may be combined and repeated, each distinct letter is kept once in order of first
// appearance, `--` ends the options, a lone `-` or the first non-option word starts the dirs.
// The letters and the usage line come from the one letter table (src/codec/letters.ts). Pure.
import { isControlLetter } from '../codec/letters.js';

export { SVC_LETTERS, SVC_USAGE } from '../codec/letters.js';

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
      if (!isControlLetter(letter)) return { ok: false, illegal: letter };
      if (!letters.includes(letter)) letters += letter;
    }
  }
  return { ok: true, letters, dirs: args.slice(index) };
}
