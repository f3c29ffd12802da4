// Which directory a log/run script writes to (pure): the first directory argument of the
// multilog, svlogd or s6-log it runs, found after any wrapper (setuidgid, chpst, s6-setuidgid,
// `svtui multilog`...). Reads a shell script the simple way: `#!` and comment lines dropped,
// backslash continuations joined, words split with 'single' and "double" quotes. A word that
// needs the shell to expand it ($VAR, `cmd`, globs) is never taken for a directory.

export type LogTool = 'multilog' | 'svlogd' | 's6-log';

export interface RunScriptLogDir {
  tool: LogTool;
  /** The directory argument as written (relative to the log service's directory). */
  dir: string;
}

/** The logger tool and its directory argument, or undefined when the script names none. */
export function logDirFromRunScript(script: string): RunScriptLogDir | undefined {
  for (const line of commandLines(script)) {
    const words = splitWords(line);
    const at = words.findIndex((w) => toolOf(w) !== undefined);
    if (at < 0) continue;
    const tool = toolOf(words[at]!)!;
    const dir = firstDirectory(tool, words.slice(at + 1));
    if (dir !== undefined) return { tool, dir };
  }
  return undefined;
}

function toolOf(word: string): LogTool | undefined {
  const base = word.slice(word.lastIndexOf('/') + 1);
  return base === 'multilog' || base === 'svlogd' || base === 's6-log' ? base : undefined;
}

/** svlogd options that take a value in the next word when not attached. */
const SVLOGD_VALUED = new Set(['-r', '-R', '-l', '-b']);
/** s6-log options that take a value in the next word when not attached. */
const S6LOG_VALUED = new Set(['-l', '-d']);

function firstDirectory(tool: LogTool, args: string[]): string | undefined {
  const plain = args.filter((w) => !/[$`*?[\]{}~]/.test(w));
  if (tool === 'multilog') return plain.find((w) => w.startsWith('.') || w.startsWith('/'));
  const valued = tool === 'svlogd' ? SVLOGD_VALUED : S6LOG_VALUED;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') continue;
    if (word.startsWith('-')) {
      if (valued.has(word)) i++;
      continue;
    }
    if (!plain.includes(word)) continue;
    if (tool === 'svlogd') return word; // every non-option argument is a directory
    if (word.startsWith('.') || word.startsWith('/')) return word;
  }
  return undefined;
}

/** The script's command lines: comments and `#!` dropped, continuations joined. */
function commandLines(script: string): string[] {
  const joined = script.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => stripComment(line).trim())
    .filter((line) => line !== '')
    .flatMap((line) => line.split(/;|&&|\|\|/));
}

/** The line without a `#` comment (a `#` that starts a word, outside quotes). */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

function splitWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      const end = close < 0 ? line.length : close;
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[i + 1];
      i++;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}
