// Which lines a background count counts, as data (so a worker thread can rebuild it): the hits
// of a query, among the lines the filters show if any; the lines the filters hide, or those they
// show. Pure.
import { lineStarts, without, type ChunkMatcher } from './chunk-match.js';
import {
  chunkMatcher,
  compileFilters,
  hiddenCount,
  queryLines,
  shownAmong,
  shownLines,
  type FilterSpec,
} from './filters.js';
import { isQueryError, parseQuery } from './query.js';
import type { LineSelector } from './chunk-match.js';

export interface SelectorSpec {
  query?: { text: string; literal: boolean };
  filters?: FilterSpec[];
  /** Count the lines the filters hide (no query). */
  hidden?: boolean;
  /** The lines the filters show (no query; every line without filters). */
  shown?: boolean;
}

/** What a count or walk needs: the lines picked, a literal's matcher, and a faster count. */
export interface Selector {
  select: LineSelector;
  matcher?: ChunkMatcher;
  /** select(chunk).length, without the list (a count's fast path). */
  count?: (chunk: Uint8Array) => number;
}

export function selectorFor(spec: SelectorSpec): Selector {
  const compiled = spec.filters ? compileFilters(spec.filters) : undefined;
  const filters = compiled && 'filters' in compiled ? compiled.filters : undefined;
  if (spec.hidden) {
    if (!filters) return { select: () => [], count: () => 0 };
    return {
      select: (c) => without(lineStarts(c), shownLines(c, filters)),
      count: (c) => hiddenCount(c, filters),
    };
  }
  if (spec.shown) return { select: (c) => (filters ? shownLines(c, filters) : lineStarts(c)) };
  const query = spec.query && parseQuery(spec.query.text, { literal: spec.query.literal });
  if (!query || isQueryError(query)) return { select: () => [] };
  const matcher = chunkMatcher(query);
  const hits: LineSelector = (c) => queryLines(c, matcher);
  if (!filters) return { select: hits, matcher };
  return { select: (c) => shownAmong(hits(c), c, filters), matcher };
}
