// monit's lexical rules (src/l.l), as far as a `monitor` file needs them: keywords are matched
// without regard to case; blanks, newlines, `;`, `,`, `(`, `)` and a backslash separate tokens
// and nothing else, so a statement may span lines; `#` at the start of a token comments out the
// rest of the line; '…' and "…" are strings and may span lines; a word runs to the next blank
// or one of `!"';(),%`, so `200MB` or `cpu>50` is one word, as in monit. monit's filler words
// (`is`, `for`, `with`, `within`, `times`, `than`, `usage`, …) are marked `noise`: the parser
// skips them wherever they stand, as monit's lexer does.
import type { Position } from './types.js';

export type Token =
  | { kind: 'word'; text: string; key: string; noise: boolean; at: Position }
  | { kind: 'number'; text: string; value: number; at: Position }
  | { kind: 'real'; text: string; value: number; at: Position }
  | { kind: 'percent'; text: string; at: Position }
  | { kind: 'string'; text: string; value: string; at: Position }
  | { kind: 'eof'; text: ''; at: Position };

/** monit's empty tokens (l.l: the EMPTY rules), `program` among them except where svtui reads it. */
const NOISE = new Set(
  (
    'is as are for via on only with within without program programs and has using use the to sum ' +
    'than usage was times but of or does per in last rate capacity activity option options'
  ).split(' '),
);

const SEPARATOR = new Set([' ', '\t', '\r', '\n', ';', ',', '(', ')', '\\']);
/** Ends a word: a blank or one of monit's {str} exclusions that svtui's files can meet. */
const ENDS_WORD = new Set([...`!"';(),%`]);
const wordEnds = (c: string) => c <= ' ' || ENDS_WORD.has(c);

export interface Lexed {
  /** Up to an error, if any, then an `eof` token where the error is. */
  tokens: Token[];
  /** An unbalanced quote or a stray `!`: where, and what it was. */
  error?: { at: Position; expected: string; got: string };
}

export function lex(text: string): Lexed {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ line, column: i - lineStart + 1 });
  const newlines = (from: number, to: number) => {
    for (let j = from; j < to; j++) {
      if (text[j] === '\n') {
        line++;
        lineStart = j + 1;
      }
    }
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (SEPARATOR.has(c)) {
      newlines(i, i + 1);
      i++;
      continue;
    }
    const at = here();
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) {
        tokens.push({ kind: 'eof', text: '', at });
        return { tokens, error: { at, expected: `a closing ${c}`, got: 'the end of the file' } };
      }
      const value = text.slice(i + 1, end);
      tokens.push({ kind: 'string', text: text.slice(i, end + 1), value, at });
      newlines(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === '%') {
      tokens.push({ kind: 'percent', text: '%', at });
      i++;
      continue;
    }
    if (c === '!') {
      if (text[i + 1] !== '=') {
        tokens.push({ kind: 'eof', text: '', at });
        return { tokens, error: { at, expected: '"!="', got: '"!"' } };
      }
      const word = text[i + 2] === '~' ? '!=~' : '!=';
      tokens.push(wordToken(word, at));
      i += word.length;
      continue;
    }
    let end = i + 1;
    while (end < text.length && !wordEnds(text[end] as string)) end++;
    tokens.push(wordToken(text.slice(i, end), at));
    i = end;
  }
  tokens.push({ kind: 'eof', text: '', at: here() });
  return { tokens };
}

function wordToken(text: string, at: Position): Token {
  if (/^[0-9]+$/.test(text)) return { kind: 'number', text, value: Number(text), at };
  if (/^[0-9]+\.[0-9]+$/.test(text)) return { kind: 'real', text, value: Number(text), at };
  const key = text.toLowerCase();
  return { kind: 'word', text, key, noise: NOISE.has(key), at };
}

/** How a token is named in an error: `"then"`, `5`, `"%"`, `the end of the file`. */
export function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the file';
    case 'number':
    case 'real':
      return token.text;
    case 'string':
      return `the string ${token.text.length > 40 ? `${token.text.slice(0, 37)}...` : token.text}`;
    default:
      return `"${token.text.length > 40 ? `${token.text.slice(0, 37)}...` : token.text}"`;
  }
}
