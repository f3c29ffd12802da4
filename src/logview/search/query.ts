// What the operator types at `/`, `&` or in a filter, as a query (pure). The syntax is less's:
//   - a regular expression (JavaScript's syntax, Unicode-aware where it compiles so), matched
//     against each line's MESSAGE — the text after the stamp (stamp.ts), so `^` is the start of
//     the message and a word never matches a label's hex digits; a time is found with a jump;
//   - Ctrl-R (U+0012) first, or `literal: true`, takes the text as it is (less's ^R); a
//     regular expression without metacharacters is a literal too, which runs the fast path;
//   - `!` first: the lines that do NOT match (less's `/!` and `&!`); `\!` for a leading `!`;
//   - case-smart: no capital letter in the pattern (escapes like `\W` aside) → any case.
// A pattern that does not compile is a QueryError with the compiler's words, for the prompt.
import { isAsciiText } from './literal.js';
import { scanSource } from './regex-source.js';

export interface SearchQuery {
  /** The text as typed. */
  text: string;
  /** The pattern (prefixes removed). */
  pattern: string;
  kind: 'literal' | 'regex';
  caseSensitive: boolean;
  /** The lines that do not match. */
  invert: boolean;
  /** Tests one message; `lastIndex` is reset by the users. */
  test: RegExp;
  /**
   * Finds candidate lines in a chunk of whole ASCII lines (flags g and m): a superset of the
   * lines whose message matches, since anchors and lookarounds are left out; every candidate is
   * checked with `test` on its message.
   */
  scan: RegExp;
}

export interface QueryError {
  error: string;
}

export interface QueryOptions {
  literal?: boolean;
}

const CTRL_R = '\u0012';
const META = /[\\^$.*+?()[\]{}|]/;

export function parseQuery(text: string, options: QueryOptions = {}): SearchQuery | QueryError {
  let rest = text;
  let literal = options.literal ?? false;
  let invert = false;
  for (;;) {
    if (rest.startsWith(CTRL_R)) literal = true;
    else if (rest.startsWith('!')) invert = true;
    else break;
    rest = rest.slice(1);
  }
  if (rest.startsWith('\\!')) rest = literal ? rest.slice(1) : `!${rest.slice(2)}`;
  if (rest === '') return { error: 'empty pattern' };
  if (!literal && !META.test(rest)) literal = true;
  const source = literal ? escapeRegex(rest) : rest;
  const caseSensitive = hasCapital(rest, literal);
  const flags = caseSensitive ? '' : 'i';
  // An ASCII literal folds ASCII letters only (no `ſ` for `s`), as its byte search does.
  const compiled = compile(source, flags, !(literal && isAsciiText(rest)));
  if ('error' in compiled)
    return { error: `bad pattern ${JSON.stringify(rest)}: ${compiled.error}` };
  const scanSourceText = literal ? source : scanSource(source).superset;
  const scan = new RegExp(scanSourceText, `${compiled.test.flags}gm`);
  return {
    text,
    pattern: rest,
    kind: literal ? 'literal' : 'regex',
    caseSensitive,
    invert,
    test: compiled.test,
    scan,
  };
}

export function isQueryError(q: SearchQuery | QueryError): q is QueryError {
  return 'error' in q;
}

/** Unicode-aware where the pattern allows it, else the classic syntax (`\-`, `\:` and such). */
function compile(
  source: string,
  flags: string,
  unicode: boolean,
): { test: RegExp } | { error: string } {
  try {
    return { test: new RegExp(source, unicode ? `${flags}u` : flags) };
  } catch {
    try {
      return { test: new RegExp(source, flags) };
    } catch (error) {
      const message = (error as Error).message.replace(
        /^Invalid regular expression: \/.*\/\w*: /,
        '',
      );
      return { error: message };
    }
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Smart case: a capital letter the operator typed, not one naming an escape (`\W`, `\p{Lu}`). */
export function hasCapital(pattern: string, literal: boolean): boolean {
  if (literal) return pattern !== pattern.toLowerCase();
  return scanSource(pattern).literalText !== scanSource(pattern).literalText.toLowerCase();
}
