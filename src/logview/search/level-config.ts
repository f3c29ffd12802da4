// The operator's words for e/E and w/W: the tree's `.svtui/logview` (svscan and runsvdir skip
// dot names, as for `.svtui/monitrc`), read as lines (pure):
//   # a comment
//   error-pattern   \b(?:error|fatal|oom-killer|segfault)\b
//   warning-pattern \b(?:warn|deprecated|retrying)\b
// The pattern is the rest of the line after the spaces that follow the keyword, a query as `/`
// reads it (query.ts: case-smart, `!` first inverts). A bad line is refused with
// file:line:column and what was expected; the key it meant keeps its default (levels.ts).
import { DEFAULT_LEVEL_PATTERNS, type LevelPatterns } from './levels.js';
import { isQueryError, parseQuery } from './query.js';

export interface LevelConfigError {
  file: string;
  line: number;
  column: number;
  expected: string;
  got: string;
}

export interface LevelConfig {
  /** The patterns to use: the file's good lines over the defaults. */
  levels: LevelPatterns;
  errors: LevelConfigError[];
}

const KEYS: Record<string, keyof LevelPatterns> = {
  'error-pattern': 'error',
  'warning-pattern': 'warning',
};

export function parseLevelConfig(text: string, file: string): LevelConfig {
  const levels: LevelPatterns = { ...DEFAULT_LEVEL_PATTERNS };
  const errors: LevelConfigError[] = [];
  const seen = new Set<keyof LevelPatterns>();
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    const at = line.search(/\S/);
    if (at < 0 || line[at] === '#') continue;
    const fail = (column: number, expected: string, got: string) =>
      errors.push({ file, line: index + 1, column: column + 1, expected, got });
    const word = /^\S+/.exec(line.slice(at))![0];
    const key = KEYS[word];
    if (!key) {
      fail(at, '"error-pattern" or "warning-pattern"', quoted(word));
      continue;
    }
    const rest = line.slice(at + word.length);
    const start = at + word.length + (rest.length - rest.trimStart().length);
    const pattern = line.slice(start).trimEnd();
    if (pattern === '') {
      fail(start, 'a regular expression after ' + quoted(word), 'the end of the line');
      continue;
    }
    if (seen.has(key)) {
      fail(at, `one ${quoted(word)} line`, 'a second one');
      continue;
    }
    const query = parseQuery(pattern);
    if (isQueryError(query)) {
      fail(start, 'a regular expression', `${quoted(pattern)} (${query.error})`);
      continue;
    }
    query.test.lastIndex = 0;
    if (query.test.test('')) {
      fail(
        start,
        'a pattern that an empty line does not match',
        `${quoted(pattern)} (every line would be one)`,
      );
      continue;
    }
    seen.add(key);
    levels[key] = pattern;
  }
  return { levels, errors };
}

/** An error as `svtui check` and the console say it: file:line:column: expected …, got … */
export function levelConfigErrorText(error: LevelConfigError): string {
  return `${error.file}:${error.line}:${error.column}: expected ${error.expected}, got ${error.got}`;
}

/**
 * A step's answer with the file's first error after it, so that e/E/w/W say why the words are
 * the defaults (the console shows a step's text when it has one).
 */
export function withLevelNote<T extends { text: string }>(
  result: T,
  errors: readonly LevelConfigError[],
): T {
  const first = errors[0];
  if (!first) return result;
  const note = `${levelConfigErrorText(first)}; the default used`;
  return { ...result, text: result.text ? `${result.text} (${note})` : note };
}

function quoted(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
}
