import { describe, expect, it } from 'vitest';
import { isQueryError, parseQuery, type SearchQuery } from '../../src/logview/search/query.js';
import { scanSource } from '../../src/logview/search/regex-source.js';

function query(text: string, literal = false): SearchQuery {
  const q = parseQuery(text, { literal });
  if (isQueryError(q)) throw new Error(q.error);
  return q;
}

const matches = (q: SearchQuery, message: string) => q.test.test(message);

describe('parseQuery', () => {
  it('takes text without metacharacters as a literal, any case when all lowercase', () => {
    const q = query('timeout');
    expect(q).toMatchObject({ kind: 'literal', caseSensitive: false, invert: false });
    expect(matches(q, 'read TIMEOUT after 3 s')).toBe(true);
  });
  it('is case-sensitive as soon as a capital is typed', () => {
    const q = query('Timeout');
    expect(q.caseSensitive).toBe(true);
    expect(matches(q, 'timeout')).toBe(false);
    expect(matches(q, 'a Timeout')).toBe(true);
  });
  it('does not count the capitals of escapes as typed capitals', () => {
    expect(query('\\Wfail\\S+').caseSensitive).toBe(false);
    expect(query('\\p{Lu}rr').caseSensitive).toBe(false);
    expect(query('[A-Z]rr').caseSensitive).toBe(true);
    expect(query('\\bERR').caseSensitive).toBe(true);
  });
  it('reads a regular expression, with the classic syntax where Unicode mode refuses it', () => {
    const q = query('req(uest)? \\d+ GET');
    expect(q.kind).toBe('regex');
    expect(matches(q, 'request 42 GET /')).toBe(true);
    expect(matches(q, 'req 7 GET')).toBe(true);
    expect(matches(query('a\\-b'), 'a-b')).toBe(true);
  });
  it('takes Ctrl-R or the literal option as "the text as it is"', () => {
    expect(matches(query('\u0012[error]'), 'x [error] y')).toBe(true);
    expect(matches(query('\u0012[error]'), 'x e y')).toBe(false);
    expect(matches(query('a.b', true), 'axb')).toBe(false);
    expect(matches(query('a.b', true), 'a.b')).toBe(true);
  });
  it('inverts with a leading !, and \\! stands for a leading !', () => {
    expect(query('!debug')).toMatchObject({ invert: true, pattern: 'debug' });
    expect(query('\\!important')).toMatchObject({ invert: false, pattern: '!important' });
    expect(matches(query('\\!important'), 'x !important')).toBe(true);
  });
  it('says why a pattern does not compile, naming it', () => {
    const q = parseQuery('fail(ed');
    expect(isQueryError(q) && q.error).toMatch(/^bad pattern "fail\(ed": .*group/i);
    expect(parseQuery('')).toEqual({ error: 'empty pattern' });
  });
});

describe('the scan expression', () => {
  it('leaves out anchors and lookarounds, but not inside classes or escapes', () => {
    expect(scanSource('^ab$').superset).toBe('(?:)ab(?:)');
    expect(scanSource('(?<=x)a(?!b(c))d').superset).toBe('(?:)a(?:)d');
    expect(scanSource('[^$]\\^\\$').superset).toBe('[^$]\\^\\$');
  });
  it('finds a superset of the lines whose message matches, across many lines', () => {
    const q = query('^GET');
    const chunk = '@400000006b04a1a800000000 GET /\nPOST / GET\n';
    const found = [...chunk.matchAll(q.scan)].map((m) => m.index);
    expect(found).toEqual([26, 39]);
  });
});
