// Search against grep: over the same files, the lines the log tool finds are exactly those GNU
// grep finds in `svtui tai64nlocal`'s decoded output — for words, which never occur in a decoded
// stamp. (Where they differ, on purpose: the log tool matches the message only, so `^` anchors
// at the message and digits of a time are found with a jump, not a search.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeLogFiles } from '../../src/logview/files.js';
import { chunkMatcher, queryLines } from '../../src/logview/search/filters.js';
import { isQueryError, parseQuery } from '../../src/logview/search/query.js';
import { collectForward } from '../../src/logview/search/shown-lines.js';
import { timelineNames } from '../../src/logview/segments.js';
import { haveTools, runCli, runSync, tempDir, tool } from '../support/tools.js';
import { referenceLines } from './helpers.js';
import { label, T0, writeLog } from './tools-helpers.js';

const WORDS = [
  'request',
  'done',
  'Error',
  'error',
  'failed',
  'failure',
  'café',
  'CAFÉ',
  'ok',
  'retry',
  'a.b',
  'axb',
];

/** 3000 lines over 5 files: labelled, svlogd-stamped and plain, words in every case. */
function makeLog(dir: string): void {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 8;
  const lines = Array.from({ length: 3000 }, (_, i) => {
    const words = Array.from({ length: 2 + (next() % 5) }, () => WORDS[next() % WORDS.length]);
    const text = `req${next() % 300} ${words.join(' ')}`;
    if (i % 97 === 5) return `  continued ${text}`;
    if (i % 89 === 3) return `2026-11-30_10:00:00.${String(next() % 1e5).padStart(5, '0')} ${text}`;
    return `${label(T0 + i, next() % 1e9)} ${text}`;
  });
  writeLog(dir, lines, 700, (last) => T0 + last);
}

/** grep over the decoded timeline: the raw lines at the numbers it prints. */
function grepLines(dir: string, raw: string[], options: string[], pattern: string): string[] {
  const input = Buffer.concat(
    timelineNames(readdirSync(dir)).map((n) => readFileSync(join(dir, n))),
  );
  const decoded = runCli(['tai64nlocal'], { input, env: { ...process.env, TZ: 'Europe/Paris' } });
  expect(decoded.status).toBe(0);
  const grep = runSync([tool('grep'), '-n', ...options, '--', pattern], {
    input: decoded.stdout,
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
  return grep.stdout
    .toString()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => raw[Number(l.slice(0, l.indexOf(':'))) - 1]!);
}

async function searchLines(dir: string, text: string): Promise<string[]> {
  const query = parseQuery(text);
  if (isQueryError(query)) throw new Error(query.error);
  const matcher = chunkMatcher(query);
  const files = nodeLogFiles();
  const found = await collectForward(
    { files, dir, maxLineBytes: 1 << 20, cancelled: () => false },
    files.list(dir),
    (chunk) => queryLines(chunk, matcher),
    { index: 0, offset: 0 },
    Number.MAX_SAFE_INTEGER,
  );
  return found!.map((l) => l.text);
}

describe.runIf(haveTools('grep'))('search vs grep over svtui tai64nlocal', () => {
  const dir = join(tempDir(), 'main');
  makeLog(dir);
  const raw = referenceLines(dir);
  const cases: Array<[string, string[], string]> = [
    ['error', ['-i', '-F'], 'error'],
    ['Error', ['-F'], 'Error'],
    ['fail(ed|ure)', ['-i', '-E'], 'fail(ed|ure)'],
    ['req1[0-9] done', ['-i', '-E'], 'req1[0-9] done'],
    ['café', ['-i', '-F'], 'café'],
    ['CAFÉ', ['-F'], 'CAFÉ'],
    ['!ok', ['-v', '-i', '-F'], 'ok'],
    ['\u0012a.b', ['-F'], 'a.b'],
    ['retry done', ['-i', '-F'], 'retry done'],
    ['continued', ['-F'], 'continued'],
  ];
  it.each(cases)('%s finds what grep %s %s finds', async (query, options, pattern) => {
    const expected = grepLines(dir, raw, options, pattern);
    expect(expected.length).toBeGreaterThan(0);
    expect(await searchLines(dir, query)).toEqual(expected);
  });
});
