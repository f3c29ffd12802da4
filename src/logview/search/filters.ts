// Filters composed (pure), as lnav composes them: a line is shown when it matches at least one
// enabled include (less's `&pattern`) — or there is no enabled include — and no enabled exclude
// (less's `&!pattern`, lnav's filter-out). A filter's pattern is a query (query.ts): a leading
// `!` flips include and exclude. Disabled filters stay listed and cost nothing.
import {
  intersect,
  lineCount,
  lineStarts,
  matchingLines,
  union,
  without,
  type ChunkMatcher,
} from './chunk-match.js';
import { isAsciiText, literalNeedle } from './literal.js';
import { isQueryError, parseQuery, type SearchQuery } from './query.js';

export interface FilterSpec {
  text: string;
  /** Hide the lines that match (instead of showing only them). */
  exclude: boolean;
  enabled: boolean;
  literal?: boolean;
}

export interface Filters {
  includes: ChunkMatcher[];
  excludes: ChunkMatcher[];
}

export type FiltersResult = { filters: Filters } | { error: string; index: number };

export function compileFilters(specs: readonly FilterSpec[]): FiltersResult {
  const filters: Filters = { includes: [], excludes: [] };
  for (const [index, spec] of specs.entries()) {
    const query = parseQuery(spec.text, { literal: spec.literal ?? false });
    if (isQueryError(query)) return { error: query.error, index };
    if (!spec.enabled) continue;
    const matcher = chunkMatcher({ ...query, invert: false });
    (spec.exclude !== query.invert ? filters.excludes : filters.includes).push(matcher);
  }
  return { filters };
}

/** A query for chunks: literals get a byte needle (any case: ASCII literals only). */
export function chunkMatcher(query: SearchQuery): ChunkMatcher {
  if (query.kind !== 'literal') return { query };
  if (!query.caseSensitive && !isAsciiText(query.pattern)) return { query };
  return { query, needle: literalNeedle(query.pattern, undefined, !query.caseSensitive) };
}

export function filtersActive(filters: Filters): boolean {
  return filters.includes.length + filters.excludes.length > 0;
}

/** Whether a message is shown. */
export function shows(filters: Filters, message: string): boolean {
  const hit = (m: ChunkMatcher) => {
    m.query.test.lastIndex = 0;
    return m.query.test.test(message);
  };
  if (filters.includes.length > 0 && !filters.includes.some(hit)) return false;
  return !filters.excludes.some(hit);
}

/** Starts of the chunk's lines that are shown. */
export function shownLines(chunk: Uint8Array, filters: Filters): number[] {
  let shown =
    filters.includes.length === 0
      ? lineStarts(chunk)
      : filters.includes.map((m) => matchingLines(chunk, m)).reduce(union);
  for (const m of filters.excludes) {
    if (shown.length === 0) break;
    shown = without(shown, matchingLines(chunk, m));
  }
  return shown;
}

/**
 * Which of `starts` (line starts, ascending) the filters show: `intersect(starts, shownLines)`
 * without listing every line of the chunk when no include is on.
 */
export function shownAmong(
  starts: readonly number[],
  chunk: Uint8Array,
  filters: Filters,
): number[] {
  let shown =
    filters.includes.length === 0
      ? [...starts]
      : intersect(starts, filters.includes.map((m) => matchingLines(chunk, m)).reduce(union));
  for (const m of filters.excludes) {
    if (shown.length === 0) break;
    shown = without(shown, matchingLines(chunk, m));
  }
  return shown;
}

/** How many lines of the chunk the filters hide, without listing them (a count's fast path). */
export function hiddenCount(chunk: Uint8Array, filters: Filters): number {
  if (filters.includes.length > 0) return lineCount(chunk) - shownLines(chunk, filters).length;
  if (filters.excludes.length === 0) return 0;
  return filters.excludes.map((m) => matchingLines(chunk, m)).reduce(union).length;
}

/** Starts of the lines a (possibly inverted) query finds in a chunk. */
export function queryLines(chunk: Uint8Array, matcher: ChunkMatcher): number[] {
  const found = matchingLines(chunk, matcher);
  return matcher.query.invert ? without(lineStarts(chunk), found) : found;
}
