// Shell words for run-script.ts (pure): a script split into simple commands, each a list of
// words, each word a list of parts — literal text (quoted or not), a `$NAME`/`${NAME}`
// reference, or an expansion that cannot be known without running it. The common sh forms
// only: continuations, comments, 'single' and "double" quotes, backslashes, `$...`, backquotes;
// commands end at a newline, ; & && | || ( and ); redirections (`2>&1`, `>file`) are dropped.

/** Why a word's value cannot be known without running the script. */
export type UnknownCode =
  | 'command-substitution'
  | 'unknown-variable'
  | 'unsupported-expansion'
  | 'glob'
  | 'tilde'
  | 'unknown-cwd';

export type Part =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; name: string }
  | { kind: 'unknown'; code: UnknownCode; raw: string };

export interface Word {
  parts: Part[];
  /** The word as written, quotes and all. */
  raw: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const BLANK = new Set([' ', '\t', '\r']);
const OPERATOR = new Set([';', '&', '|', '(', ')', '\n']);

/** The simple commands of `text`, in order, empty ones left out. */
export function tokenize(text: string): Word[][] {
  const lines = text.split('\n');
  if (lines[0]?.startsWith('#!')) lines[0] = '';
  const src = lines.join('\n').replace(/\\\r?\n/g, '');
  const commands: Word[][] = [];
  let command: Word[] = [];
  let i = 0;
  const end = () => {
    if (command.length > 0) commands.push(command);
    command = [];
  };
  while (i < src.length) {
    const c = src[i]!;
    if (BLANK.has(c)) i++;
    else if (OPERATOR.has(c)) {
      end();
      i++;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '<' || c === '>') {
      i = skipRedirection(src, i);
    } else {
      const [word, next] = readWord(src, i);
      if (/^[0-9]+$/.test(word.raw) && (src[next] === '<' || src[next] === '>')) {
        i = skipRedirection(src, next); // `2>&1`: the fd number belongs to the redirection
      } else {
        command.push(word);
        i = next;
      }
    }
  }
  end();
  return commands;
}

/** Past a redirection operator at `i` and its target word. */
function skipRedirection(src: string, i: number): number {
  while (src[i] === '<' || src[i] === '>' || src[i] === '&' || src[i] === '|') i++;
  while (BLANK.has(src[i] ?? '')) i++;
  if (i >= src.length || OPERATOR.has(src[i]!)) return i;
  return readWord(src, i)[1];
}

/** One word starting at `start`: its parts and the index after it. */
function readWord(src: string, start: number): [Word, number] {
  const parts: Part[] = [];
  const text = (t: string, quoted: boolean) => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'text' && last.quoted === quoted) last.text += t;
    else parts.push({ kind: 'text', text: t, quoted });
  };
  let i = start;
  while (i < src.length) {
    const c = src[i]!;
    if (BLANK.has(c) || OPERATOR.has(c) || c === '<' || c === '>') break;
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      const stop = close < 0 ? src.length : close;
      text(src.slice(i + 1, stop), true);
      i = stop + 1;
    } else if (c === '"') {
      i = readDoubleQuoted(src, i + 1, parts, text);
    } else if (c === '\\') {
      text(src[i + 1] ?? '', true);
      i += 2;
    } else if (c === '$' || c === '`') {
      i = readDollar(src, i, parts, text, false);
    } else {
      text(c, false);
      i++;
    }
  }
  return [{ parts, raw: src.slice(start, Math.min(i, src.length)) }, i];
}

type AddText = (t: string, quoted: boolean) => void;

function readDoubleQuoted(src: string, i: number, parts: Part[], text: AddText): number {
  while (i < src.length && src[i] !== '"') {
    const c = src[i]!;
    if (c === '\\' && '$`"\\'.includes(src[i + 1] ?? '')) {
      text(src[i + 1]!, true);
      i += 2;
    } else if (c === '$' || c === '`') {
      i = readDollar(src, i, parts, text, true);
    } else {
      text(c, true);
      i++;
    }
  }
  return i + 1;
}

/** A `$` form or a backquote at `i`; the index after it. */
function readDollar(src: string, i: number, parts: Part[], text: AddText, quoted: boolean): number {
  const unknown = (code: UnknownCode, stop: number) => {
    parts.push({ kind: 'unknown', code, raw: src.slice(i, stop) });
    return stop;
  };
  if (src[i] === '`') {
    const close = src.indexOf('`', i + 1);
    return unknown('command-substitution', close < 0 ? src.length : close + 1);
  }
  const next = src[i + 1] ?? '';
  if (next === '(') {
    const stop = matching(src, i + 1, '(', ')');
    return unknown(src[i + 2] === '(' ? 'unsupported-expansion' : 'command-substitution', stop);
  }
  if (next === '{') {
    const stop = matching(src, i + 1, '{', '}');
    const inner = src.slice(i + 2, stop - 1);
    const name = NAME.exec(inner)?.[0];
    if (name !== undefined && name === inner) {
      parts.push({ kind: 'var', name });
      return stop;
    }
    return unknown('unsupported-expansion', stop);
  }
  const name = NAME.exec(src.slice(i + 1))?.[0];
  if (name !== undefined) {
    parts.push({ kind: 'var', name });
    return i + 1 + name.length;
  }
  if (/[0-9@*#?$!-]/.test(next) && next !== '') return unknown('unknown-variable', i + 2);
  text('$', quoted);
  return i + 1;
}

/** The index after the bracket matching the one at `open`, nesting counted. */
function matching(src: string, open: number, left: string, right: string): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === left) depth++;
    else if (src[i] === right && --depth === 0) return i + 1;
  }
  return src.length;
}
