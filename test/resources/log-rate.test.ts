import { expect, it } from 'vitest';
import { linesPerSecond } from '../../src/resources/log-rate.js';

it.each([
  ['between two counts', { lines: 100, atMs: 0 }, { lines: 150, atMs: 2000 }, 25],
  ['rounded', { lines: 0, atMs: 0 }, { lines: 3, atMs: 2000 }, 2],
  ['no lines', { lines: 7, atMs: 0 }, { lines: 7, atMs: 2000 }, 0],
  ['the first count', undefined, { lines: 7, atMs: 2000 }, undefined],
  ['no count (a spawned logger)', { lines: 7, atMs: 0 }, undefined, undefined],
  [
    'a count that went back (a new pipe)',
    { lines: 70, atMs: 0 },
    { lines: 7, atMs: 2000 },
    undefined,
  ],
  ['no time between', { lines: 1, atMs: 5 }, { lines: 9, atMs: 5 }, undefined],
] as const)('lines per second: %s', (_, before, now, expected) => {
  expect(linesPerSecond(before, now)).toBe(expected);
});
