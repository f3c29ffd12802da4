// Keys answered before Ink is in. On a big tree the first screen is up ~1 s before Ink and React
// have loaded (their import shares the thread with the rest of the tree's first reading), and a
// key pressed at that screen used to wait for them. Until Ink takes over, the console reads the
// terminal itself: the keys it knows are handed to the controller exactly as Ink describes them
// (printable characters, Tab, Enter, arrows, PgUp/PgDn, Home/End); anything else (a Ctrl key, a
// lone Esc that may start a sequence, a character beyond ASCII) is put back unread and reading
// stops there, so Ink gets it and every key after it, in the order typed.
import type { Readable } from 'node:stream';
import { splitKeys, type KeyInfo } from '../screen/keymap.js';

/** The escape sequences read early, as Ink names them (no modifier). */
const SEQUENCES: ReadonlyMap<string, KeyInfo> = new Map([
  ['\x1b[A', { upArrow: true }],
  ['\x1b[B', { downArrow: true }],
  ['\x1b[C', { rightArrow: true }],
  ['\x1b[D', { leftArrow: true }],
  ['\x1bOA', { upArrow: true }],
  ['\x1bOB', { downArrow: true }],
  ['\x1bOC', { rightArrow: true }],
  ['\x1bOD', { leftArrow: true }],
  ['\x1b[5~', { pageUp: true }],
  ['\x1b[6~', { pageDown: true }],
  ['\x1b[H', { home: true }],
  ['\x1b[F', { end: true }],
  ['\x1bOH', { home: true }],
  ['\x1bOF', { end: true }],
  ['\x1b[1~', { home: true }],
  ['\x1b[4~', { end: true }],
]);

/**
 * A chunk read from the terminal as keys, each as Ink's useInput hands it on (a run of plain
 * characters as one input, each sequence on its own) once split by splitKeys, as the controller
 * splits it; undefined when the chunk holds anything else.
 */
export function earlyKeys(chunk: string): [string, KeyInfo][] | undefined {
  const keys: [string, KeyInfo][] = [];
  let text = '';
  const endText = () => {
    if (text.length === 1) keys.push(oneCharacter(text));
    else if (text !== '') keys.push(...splitKeys(text, {}));
    text = '';
  };
  let at = 0;
  while (at < chunk.length) {
    const ch = chunk[at]!;
    if (ch === '\x1b') {
      endText();
      const length = SEQUENCES.has(chunk.slice(at, at + 4)) ? 4 : 3;
      const key = SEQUENCES.get(chunk.slice(at, at + length));
      if (!key) return undefined;
      keys.push(['', key]);
      at += length;
      continue;
    }
    if (ch !== '\t' && ch !== '\r' && (ch < ' ' || ch > '~')) return undefined;
    text += ch;
    at += 1;
  }
  endText();
  return keys;
}

/** A chunk of one character, as Ink describes it (Enter keeps its character, Tab does not). */
function oneCharacter(ch: string): [string, KeyInfo] {
  if (ch === '\t') return ['', { tab: true }];
  if (ch === '\r') return ['\r', { return: true }];
  return [ch, {}];
}

/**
 * Read keys from `stdin` and hand them to `keys` until the returned function is called (or a
 * chunk it does not read comes in); what is left stays in the stream for Ink.
 */
export function readKeysUntilInk(
  stdin: Readable,
  keys: (input: string, key: KeyInfo) => void,
): () => void {
  stdin.setEncoding('utf8');
  const stop = () => {
    stdin.off('readable', onReadable);
  };
  const onReadable = () => {
    let chunk: string | null;
    while ((chunk = stdin.read() as string | null) !== null) {
      const read = earlyKeys(chunk);
      if (!read) {
        stdin.unshift(chunk);
        return stop();
      }
      for (const [input, key] of read) keys(input, key);
    }
  };
  stdin.on('readable', onReadable);
  return stop;
}
