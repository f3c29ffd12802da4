// Find the multilog script in a simple log/run: after an optional `#!` line, comments, blank
// lines and pure redirections (`exec 2>&1`), exactly one line of the form
//   exec [setuidgid USER | s6-setuidgid USER] [svtui] multilog SCRIPT...
// in plain words and quotes (programs may be given by path). Anything else is not linted.
import { splitPlainWords } from '../log/run-file.js';

const REDIRECTION_ONLY = /^exec(\s+[0-9]*[<>]&?[0-9-]+)+\s*$/;
const SETUIDGID = new Set(['setuidgid', 's6-setuidgid']);

const base = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/** The multilog script words, or undefined when the file is not such a simple script. */
export function multilogScript(text: string): string[] | undefined {
  const lines = text.split('\n');
  if (lines[0]?.startsWith('#!')) lines.shift();
  const commands = lines
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !REDIRECTION_ONLY.test(line));
  if (commands.length !== 1) return undefined;
  const words = splitPlainWords(commands[0] ?? '');
  if (!words || words[0] !== 'exec') return undefined;
  let i = 1;
  if (SETUIDGID.has(base(words[i] ?? ''))) i += 2;
  if (base(words[i] ?? '') === 'svtui') i++;
  if (base(words[i] ?? '') !== 'multilog') return undefined;
  return words.slice(i + 1);
}
