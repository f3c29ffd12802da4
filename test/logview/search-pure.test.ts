import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../src/time/zone.js';
import {
  hitSpans,
  intersect,
  lineCount,
  lineStarts,
  matchingLines,
  SCAN_PIECE_BYTES,
  without,
} from '../../src/logview/search/chunk-match.js';
import {
  chunkMatcher,
  compileFilters,
  hiddenCount,
  queryLines,
  shownAmong,
  shownLines,
  shows,
  type FilterSpec,
} from '../../src/logview/search/filters.js';
import { findLiteral, literalNeedle } from '../../src/logview/search/literal.js';
import { isQueryError, parseQuery } from '../../src/logview/search/query.js';
import { messageStart, readStamp, stampTime } from '../../src/logview/search/stamp.js';
import { decodeStampLine } from '../../src/logview/time/decode-stamp.js';

const paris = resolveZone('Europe/Paris').zone;
const utc = resolveZone('UTC').zone;

function matcher(text: string, literal = false) {
  const q = parseQuery(text, { literal });
  if (isQueryError(q)) throw new Error(q.error);
  return chunkMatcher(q);
}

/** The lines of `text` that the query finds, as text. */
function found(text: string, query: string): string[] {
  const bytes = Buffer.from(text);
  return queryLines(bytes, matcher(query)).map((start) => {
    const end = bytes.indexOf(10, start);
    return bytes.toString('utf8', start, end < 0 ? bytes.length : end);
  });
}

describe('stamps', () => {
  it('tells the three loggers apart and finds the message', () => {
    expect(readStamp('@400000006b04a20631500bdc x')).toMatchObject({ kind: 'tai64n', message: 26 });
    expect(readStamp('2026-11-23_20:28:44.69104 a')).toMatchObject({ kind: 'svlogd', message: 26 });
    expect(readStamp('2026-11-23T20:28:44.69104 a')).toMatchObject({ kind: 'svlogd' });
    expect(readStamp('2026-11-23 20:28:51.320610098  x')).toMatchObject({
      kind: 'iso',
      message: 31,
    });
    expect(readStamp('plain line')).toBeUndefined();
    expect(readStamp('@nothex')).toBeUndefined();
    expect(messageStart('2026 was a year')).toBe(0);
  });
  it('reads the instant of each, s6-log ISO stamps in the zone it wrote them in', () => {
    expect(stampTime('@400000006b04a20631500bdc x', utc)).toEqual({
      seconds: 0x6b04a206 - 10,
      nanoseconds: 0x31500bdc,
    });
    const svlogd = stampTime('2026-11-23_20:28:44.69104 a', utc)!;
    expect(svlogd).toEqual({
      seconds: Date.UTC(2026, 10, 23, 20, 28, 44) / 1000,
      nanoseconds: 691040000,
    });
    expect(stampTime('2026-11-23 21:28:51.320610098  x', paris)).toEqual({
      seconds: Date.UTC(2026, 10, 23, 20, 28, 51) / 1000,
      nanoseconds: 320610098,
    });
  });
  it('decodes svlogd and s6-log stamps into the active zone, the message in place', () => {
    const svlogd = decodeStampLine('2026-11-23_20:28:44.69104 a b', paris, utc);
    expect(svlogd.text).toBe('2026-11-23 21:28:44.69104 a b');
    expect(svlogd.text.slice(svlogd.messageAt)).toBe('a b');
    const iso = decodeStampLine('2026-11-23 20:28:51.320610098  x', utc, paris);
    expect(iso.text).toBe('2026-11-23 19:28:51.320610098  x');
    expect(iso.text.slice(iso.messageAt)).toBe('x');
    const label = decodeStampLine('@400000006b04a20631500bdc x', utc, utc);
    expect(label.text.slice(label.messageAt)).toBe('x');
    expect(decodeStampLine('plain', utc, utc)).toEqual({
      text: 'plain',
      messageAt: 0,
      rawMessageAt: 0,
    });
  });
});

const LOG = [
  '@400000006b04a20631500bdc GET /a 200',
  '@400000006b04a20731500bdc ERROR disk full',
  '  at stack frame 4242',
  '2026-11-23_20:28:44.69104 warn: slow 4242 ms',
  '@400000006b04a20831500bdc 4242 requests',
  'plain error line',
  '@400000006b04a20931500bdc café crème',
].join('\n');

describe('finding lines in a chunk', () => {
  it('finds a literal in messages only, never in a stamp', () => {
    expect(found(LOG, '6b04')).toEqual([]);
    expect(found(LOG, '4242')).toEqual([
      '  at stack frame 4242',
      '2026-11-23_20:28:44.69104 warn: slow 4242 ms',
      '@400000006b04a20831500bdc 4242 requests',
    ]);
    expect(found(LOG, '20:28')).toEqual([]);
  });
  it('is case-smart on ASCII and on other text', () => {
    expect(found(LOG, 'error')).toEqual([
      '@400000006b04a20731500bdc ERROR disk full',
      'plain error line',
    ]);
    expect(found(LOG, 'ERROR')).toEqual(['@400000006b04a20731500bdc ERROR disk full']);
    expect(found(LOG, 'CRÈME')).toEqual([]);
    expect(found(LOG, 'crème')).toEqual(['@400000006b04a20931500bdc café crème']);
    expect(found(LOG, 'caf.')).toEqual(['@400000006b04a20931500bdc café crème']);
  });
  it('anchors ^ at the start of the message', () => {
    expect(found(LOG, '^4242')).toEqual(['@400000006b04a20831500bdc 4242 requests']);
    expect(found(LOG, '^(get|plain)')).toEqual([
      '@400000006b04a20631500bdc GET /a 200',
      'plain error line',
    ]);
    expect(found(LOG, 'ms$')).toEqual(['2026-11-23_20:28:44.69104 warn: slow 4242 ms']);
  });
  it('does not lose a line after a candidate that spans lines', () => {
    expect(found('a\nab\n', 'a[^x]*b')).toEqual(['ab']);
  });
  it('scans a chunk larger than a piece, lines at the cuts and a line longer than a piece', () => {
    const filler = (n: number) => `@400000006b04a20631500bdc filler ${n} ${'x'.repeat(80)}`;
    const rows: string[] = [];
    for (let n = 0; rows.join('\n').length < 3 * SCAN_PIECE_BYTES; n++)
      rows.push(n % 300 === 299 ? `@400000006b04a20631500bdc hit ${n} end` : filler(n));
    rows.push(`@400000006b04a20631500bdc long ${'y'.repeat(SCAN_PIECE_BYTES + 10)} hit 1 end`);
    rows.push('@400000006b04a20631500bdc hit last end');
    const text = rows.join('\n');
    const wanted = rows.filter((r) => /hit \w+ end$/.test(r));
    expect(wanted.length).toBeGreaterThan(4);
    expect(found(text, 'hit [0-9a-z]+ end$')).toEqual(wanted);
    // Every cut of the chunk gives the same lines.
    for (const cut of [1, SCAN_PIECE_BYTES - 1, SCAN_PIECE_BYTES, SCAN_PIECE_BYTES + 1]) {
      const at = text.indexOf('\n', cut) + 1;
      const head = found(text.slice(0, at), 'hit [0-9a-z]+ end$');
      const tail = found(text.slice(at), 'hit [0-9a-z]+ end$');
      expect([...head, ...tail]).toEqual(wanted);
    }
  });
  it('inverts with !', () => {
    expect(found('one\ntwo\nthree', '!o')).toEqual(['three']);
    expect(found('one\ntwo\nthree', '!one')).toEqual(['two', 'three']);
  });
  it('decodes lines that are not UTF-8 as the pane shows them', () => {
    const bytes = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' ok\nx\n')]);
    expect(matchingLines(bytes, matcher('\\\\xe9', false))).toEqual([0]);
    expect(matchingLines(bytes, matcher('ok'))).toEqual([0]);
  });
  it('gives the spans to highlight, in the message only', () => {
    const q = parseQuery('a+');
    if (isQueryError(q)) throw new Error(q.error);
    expect(hitSpans('@400000006b04a2063150aadc xaa ba', q)).toEqual([
      [27, 29],
      [31, 32],
    ]);
  });
});

describe('the literal search', () => {
  it('searches from the rarest byte and compares the bytes before it', () => {
    const text = Buffer.from(`${'x'.repeat(50)}x4242 y x4242`);
    const needle = literalNeedle('x4242', text);
    expect(needle.anchor).toBeGreaterThan(0);
    expect(findLiteral(text, needle, 0)).toBe(50);
    expect(findLiteral(text, needle, 51)).toBe(58);
    expect(findLiteral(text, needle, 59)).toBe(-1);
  });
});

describe('filters', () => {
  const spec = (text: string, exclude = false, enabled = true): FilterSpec => ({
    text,
    exclude,
    enabled,
  });
  function filters(...specs: FilterSpec[]) {
    const compiled = compileFilters(specs);
    if ('error' in compiled) throw new Error(compiled.error);
    return compiled.filters;
  }
  it('shows lines matching any include and no exclude', () => {
    const f = filters(spec('error'), spec('warn'), spec('disk', true));
    expect(shows(f, 'ERROR: net down')).toBe(true);
    expect(shows(f, 'warn: slow')).toBe(true);
    expect(shows(f, 'error: disk full')).toBe(false);
    expect(shows(f, 'all good')).toBe(false);
  });
  it('with excludes alone, hides only what they match; a leading ! flips a filter', () => {
    const f = filters(spec('debug', true), spec('!GET'));
    expect(f.includes).toHaveLength(0);
    expect(f.excludes).toHaveLength(2);
    expect(shows(f, 'GET /')).toBe(false);
    expect(shows(f, 'POST /')).toBe(true);
  });
  it('leaves disabled filters out and shows everything without filters', () => {
    const f = filters(spec('error', false, false));
    expect(shows(f, 'anything')).toBe(true);
  });
  it('says which filter does not compile', () => {
    expect(compileFilters([spec('ok'), spec('bad(')])).toMatchObject({ index: 1 });
  });
  it('composes over a chunk the same as line by line', () => {
    const f = filters(spec('4242'), spec('error'), spec('frame', true));
    const bytes = Buffer.from(LOG);
    const byChunk = shownLines(bytes, f);
    const lines = LOG.split('\n');
    let offset = 0;
    const byLine: number[] = [];
    for (const line of lines) {
      if (shows(f, line.slice(messageStart(line)))) byLine.push(offset);
      offset += Buffer.byteLength(line) + 1;
    }
    expect(byChunk).toEqual(byLine);
    expect(byChunk).toHaveLength(4);
  });
});

describe("a count's fast paths give what the lists give", () => {
  const chunks = [
    '',
    'one line without end',
    'a\n',
    '\n\n\n',
    'ok fine\nERROR bad\nok slow\nwarning slow\nERROR slow\npartial ERR',
    Array.from(
      { length: 500 },
      (_, i) => `req ${i} ${i % 7 ? 'ok' : 'ERROR'} ${i % 3 ? '' : 'slow'}`,
    ).join('\n'),
  ];
  const specs: FilterSpec[][] = [
    [],
    [{ text: 'ERROR', exclude: false, enabled: true }],
    [{ text: 'slow', exclude: true, enabled: true }],
    [
      { text: 'ERROR', exclude: false, enabled: true },
      { text: 'ok', exclude: false, enabled: true },
      { text: 'slow', exclude: true, enabled: true },
    ],
    [
      { text: 'slow', exclude: true, enabled: true },
      { text: '^req 1', exclude: true, enabled: true },
    ],
    [{ text: 'ERROR', exclude: false, enabled: false }],
  ];
  it('lines counted, hidden lines counted, hits among the lines shown', () => {
    for (const text of chunks) {
      const chunk = Buffer.from(text);
      expect(lineCount(chunk)).toBe(lineStarts(chunk).length);
      for (const spec of specs) {
        const compiled = compileFilters(spec);
        if ('error' in compiled) throw new Error(compiled.error);
        const { filters } = compiled;
        const shown = shownLines(chunk, filters);
        expect(hiddenCount(chunk, filters)).toBe(without(lineStarts(chunk), shown).length);
        const hits = queryLines(chunk, matcher('slow|bad'));
        expect(shownAmong(hits, chunk, filters)).toEqual(intersect(hits, shown));
      }
    }
  });
});
