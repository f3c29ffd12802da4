// Keys read before Ink is in: what earlyKeys makes of a chunk from the terminal, checked against
// what Ink's own useInput hands on for the same chunk (after splitKeys, as the controller splits
// it), and the reader handing keys on until a chunk it does not read, which stays in the stream.
import { PassThrough } from 'node:stream';
import { useInput } from 'ink';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { earlyKeys, readKeysUntilInk } from '../../src/console/early-keys.js';
import { splitKeys, type KeyInfo } from '../../src/screen/keymap.js';

const FIELDS: (keyof KeyInfo)[] = [
  'upArrow',
  'downArrow',
  'leftArrow',
  'rightArrow',
  'pageUp',
  'pageDown',
  'home',
  'end',
  'return',
  'escape',
  'tab',
  'backspace',
  'delete',
  'ctrl',
  'meta',
];

/** A key as [input, the names of its true fields]. */
const plain = ([input, key]: [string, KeyInfo]) =>
  [input, FIELDS.filter((f) => key[f]).join('+')] as const;

/** The keys Ink's useInput hands on for each chunk typed, split as the controller splits them. */
async function inkKeys(chunks: string[]): Promise<(readonly [string, string])[][]> {
  const got: [string, KeyInfo][] = [];
  const Probe = () => {
    useInput((input, key) => {
      got.push(...splitKeys(input, key));
    });
    return null;
  };
  const app = render(createElement(Probe));
  await new Promise((resolve) => setTimeout(resolve, 20)); // useInput subscribes in an effect
  const out: (readonly [string, string])[][] = [];
  for (const chunk of chunks) {
    got.length = 0;
    app.stdin.write(chunk);
    out.push(got.map(plain));
  }
  app.unmount();
  return out;
}

const READ = [
  'j',
  'G',
  '?',
  ' ',
  '~',
  'jjjk',
  'Gg',
  '\t',
  '\r',
  'a\tb\r',
  '\x1b[A',
  '\x1b[B',
  '\x1b[C',
  '\x1b[D',
  '\x1bOA',
  '\x1bOD',
  '\x1b[5~',
  '\x1b[6~',
  '\x1b[H',
  '\x1b[F',
  '\x1b[1~',
  '\x1b[4~',
  '\x1b[B\x1b[B',
  'j\x1b[6~k',
];

describe('earlyKeys', () => {
  it('reads each chunk as the keys Ink hands on for it', async () => {
    const ink = await inkKeys(READ);
    const early = READ.map((chunk) => earlyKeys(chunk)?.map(plain));
    READ.forEach((chunk, i) => expect([chunk, early[i]]).toEqual([chunk, ink[i]]));
    expect(earlyKeys('jjjk')?.map(plain)).toEqual([
      ['j', ''],
      ['j', ''],
      ['j', ''],
      ['k', ''],
    ]);
    expect(earlyKeys('\x1b[B\x1b[B')?.map(plain)).toEqual([
      ['', 'downArrow'],
      ['', 'downArrow'],
    ]);
  });

  it('leaves to Ink what it does not read: Ctrl keys, Esc, modified or unknown sequences, Backspace, non-ASCII', () => {
    for (const chunk of [
      '\x03',
      '\x0c',
      'j\x1a',
      '\x1b',
      'j\x1b',
      '\x1b\x1b',
      '\x1b[1;5A',
      '\x1b[Z',
      '\x1b[200~',
      '\x1bj',
      '\x7f',
      '\b',
      '\n',
      'é',
      'j€',
    ])
      expect(earlyKeys(chunk), JSON.stringify(chunk)).toBeUndefined();
  });
});

describe('readKeysUntilInk', () => {
  const readable = () => new Promise((resolve) => setImmediate(resolve));

  it('hands keys on in order, then puts back a chunk it does not read and stops', async () => {
    const stdin = new PassThrough();
    const keys: string[] = [];
    readKeysUntilInk(stdin, (input, key) =>
      keys.push(input || FIELDS.filter((f) => key[f]).join('+')),
    );
    stdin.write('jj');
    await readable();
    stdin.write('\x1b[6~');
    await readable();
    expect(keys).toEqual(['j', 'j', 'pageDown']);
    stdin.write('\x03q');
    await readable();
    stdin.write('k');
    await readable();
    expect(keys).toEqual(['j', 'j', 'pageDown']);
    expect(stdin.read()).toBe('\x03qk');
  });

  it('reads nothing once stopped: what comes after stays in the stream', async () => {
    const stdin = new PassThrough();
    const keys: string[] = [];
    const stop = readKeysUntilInk(stdin, (input) => keys.push(input));
    stdin.write('j');
    await readable();
    stop();
    stdin.write('k');
    stdin.write('\x1b[A');
    await readable();
    expect(keys).toEqual(['j']);
    expect(stdin.read()).toBe('k\x1b[A');
  });
});
