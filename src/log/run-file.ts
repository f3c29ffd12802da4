// Recognise a log/run file that is exactly `exec svtui multilog SCRIPT` (DESIGN "The logger inside
// the supervisor"): an optional `#!` first line, comment and blank lines, then that one command in
// plain words, 'single' or "double" quotes and nothing else of the shell. Anything the shell would
// treat specially ($, `, \, globs, ;, |, &, redirections, a trailing comment...) makes the answer
// undefined: such a file is run by /bin/sh as usual, so it can never be misread here.

/** Bytes that mean something to sh outside quotes (besides space, tab and the quotes). */
const SPECIAL_UNQUOTED = new Set([...'$`\\;&|<>()*?[]~{}#\n\r']);
/** Bytes that mean something to sh inside double quotes. */
const SPECIAL_DOUBLE = new Set([...'$`\\']);

/** Split one shell line into words, or undefined when it uses more of the shell than quoting. */
export function splitPlainWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      if (close < 0) return undefined;
      const quoted = line.slice(i + 1, close);
      if (c === '"' && [...quoted].some((q) => SPECIAL_DOUBLE.has(q))) return undefined;
      word = (word ?? '') + quoted;
      i = close + 1;
    } else {
      if (SPECIAL_UNQUOTED.has(c)) return undefined;
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The multilog script words of `exec svtui multilog SCRIPT...`, else undefined. */
export function parseLogRun(text: string): string[] | undefined {
  const lines = text.split('\n');
  if (lines[0]?.startsWith('#!')) lines.shift();
  const commands = lines.filter((l) => {
    const t = l.trim();
    return t !== '' && !t.startsWith('#');
  });
  if (commands.length !== 1) return undefined;
  const words = splitPlainWords(commands[0]!.trim());
  if (!words || words[0] !== 'exec' || words[1] !== 'svtui' || words[2] !== 'multilog') {
    return undefined;
  }
  return words.slice(3);
}
