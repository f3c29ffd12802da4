import { describe, expect, it } from 'vitest';
import { decodeBytes, utf8Boundary } from '../../src/logview/decode.js';
import { logDirFromRunScript } from '../../src/logview/run-script.js';
import {
  mapPosition,
  renamedByRotation,
  timelineNames,
  type Segment,
} from '../../src/logview/segments.js';
import { scanBackward, scanForward, type Span } from '../../src/logview/split.js';

describe('decodeBytes', () => {
  it('decodes valid UTF-8', () => {
    expect(decodeBytes(Buffer.from('héllo 日本 😀'))).toBe('héllo 日本 😀');
  });
  it('shows raw C1 bytes, latin1 and broken sequences as \\xNN', () => {
    expect(decodeBytes(Buffer.from([0x61, 0x9b, 0x32, 0x4a]))).toBe('a\\x9b2J');
    expect(decodeBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('caf\\xe9');
    expect(decodeBytes(Buffer.from([0xe6, 0x97, 0x41]))).toBe('\\xe6\\x97A');
    expect(decodeBytes(Buffer.from([0xc0, 0xaf]))).toBe('\\xc0\\xaf'); // overlong '/'
    expect(decodeBytes(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\\xed\\xa0\\x80'); // surrogate
    expect(decodeBytes(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe('\\xf4\\x90\\x80\\x80');
    expect(decodeBytes(Buffer.from([0xff, 0xc3, 0xa9]))).toBe('\\xffé');
  });
  it('finds a cut that does not split a character', () => {
    const bytes = Buffer.from('ab日c');
    expect(utf8Boundary(bytes, 2)).toBe(2);
    expect(utf8Boundary(bytes, 3)).toBe(2);
    expect(utf8Boundary(bytes, 4)).toBe(2);
    expect(utf8Boundary(bytes, 5)).toBe(5);
    expect(utf8Boundary(bytes, 99)).toBe(6);
  });
});

/** The reference: every line of `data` as spans. */
function allSpans(data: Uint8Array): Span[] {
  const spans: Span[] = [];
  let p = 0;
  while (p < data.length) {
    const k = data.indexOf(10, p);
    if (k < 0) {
      spans.push({ start: p, end: data.length, next: data.length });
      break;
    }
    spans.push({ start: p, end: k, next: k + 1 });
    p = k + 1;
  }
  return spans;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomData(rand: () => number, length: number): Uint8Array {
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) data[i] = rand() < 0.12 ? 10 : 97 + Math.floor(rand() * 26);
  return data;
}

describe('scanBackward / scanForward', () => {
  it('walk every line exactly once, whatever the window size (200 seeded cases)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = random(seed);
      const data = randomData(rand, Math.floor(rand() * 300));
      const windowBytes = 1 + Math.floor(rand() * 40);
      const expected = allSpans(data);

      const back: Span[] = [];
      let p = data.length;
      while (p > 0) {
        const windowStart = Math.max(0, p - windowBytes);
        const scan = scanBackward(data.subarray(windowStart, p), windowStart, p, 3);
        back.push(...scan.spans);
        if (scan.open && scan.spans.length === 0) {
          // The reader looks further back; here: from the whole data.
          const k = data.lastIndexOf(10, scan.open.end - 1);
          const start = scan.open.end === 0 || k < 0 ? 0 : k + 1;
          back.push({ start, end: scan.open.end, next: scan.open.next });
          p = start;
        } else p = scan.resume;
      }
      expect(back.reverse(), `seed ${seed}`).toEqual(expected);

      const forward: Span[] = [];
      p = 0;
      while (p < data.length) {
        const windowEnd = Math.min(data.length, p + windowBytes);
        const atEnd = windowEnd === data.length;
        const scan = scanForward(data.subarray(p, windowEnd), p, p, 3, atEnd);
        forward.push(...scan.spans);
        if (scan.open && scan.spans.length === 0) {
          const k = data.indexOf(10, p);
          const span =
            k < 0
              ? { start: p, end: data.length, next: data.length }
              : { start: p, end: k, next: k + 1 };
          forward.push(span);
          p = span.next;
        } else p = scan.resume;
      }
      expect(forward, `seed ${seed}`).toEqual(expected);
    }
  });

  it('report an empty last line and an unterminated one', () => {
    const data = Buffer.from('a\n\nb');
    expect(scanBackward(data, 0, 4, 9).spans).toEqual([
      { start: 3, end: 4, next: 4 },
      { start: 2, end: 2, next: 3 },
      { start: 0, end: 1, next: 2 },
    ]);
    expect(scanForward(data, 0, 0, 9, false)).toEqual({
      spans: [
        { start: 0, end: 1, next: 2 },
        { start: 2, end: 2, next: 3 },
      ],
      resume: 3,
      open: true,
    });
  });
});

describe('timeline names and positions', () => {
  const a = '@400000006b04a1a800000001.s';
  const b = '@400000006b04a1a800000002.u';
  const c = '@400000006b04a1a800000003.s';
  it('orders rotated files by name, current last, and ignores the rest', () => {
    expect(
      timelineNames(['current', c, 'lock', a, 'state', b, '@x.s', `${a}.tmp`, 'processed']),
    ).toEqual([a, b, c, 'current']);
  });

  const segments: Segment[] = [
    { name: a, id: '1:10', size: 100 },
    { name: c, id: '1:12', size: 100 },
    { name: 'current', id: '1:13', size: 50 },
  ];
  it('maps by identity across a rotation (current renamed to @….s)', () => {
    expect(mapPosition({ fileId: '1:12', name: 'current', offset: 40 }, segments)).toEqual({
      index: 1,
      offset: 40,
      moved: false,
    });
  });
  it('maps a file deleted by retention to the start of the next one', () => {
    expect(mapPosition({ fileId: '1:11', name: b, offset: 40 }, segments)).toEqual({
      index: 1,
      offset: 0,
      moved: true,
    });
    expect(
      mapPosition({ fileId: '1:9', name: '@400000006b04a1a800000000.s', offset: 5 }, segments),
    ).toEqual({
      index: 0,
      offset: 0,
      moved: true,
    });
  });
  it("takes an inode listed under a name no rotation gives for a new file's", () => {
    // Line 40 of `a` was read; `a` was deleted and its inode is the new current's now.
    const reused: Segment[] = [
      { name: c, id: '1:12', size: 100 },
      { name: 'current', id: '1:10', size: 70 },
    ];
    expect(mapPosition({ fileId: '1:10', name: a, offset: 40 }, reused)).toEqual({
      index: 0,
      offset: 0,
      moved: true,
    });
    // A rotated file renamed again under another rotated name: not the same file either.
    expect(mapPosition({ fileId: '1:12', name: b, offset: 40 }, reused)).toMatchObject({
      moved: true,
    });
    expect(renamedByRotation('current', c)).toBe(true);
    expect(renamedByRotation('previous', c)).toBe(true);
    expect(renamedByRotation('current', 'previous')).toBe(true);
    expect(renamedByRotation(a, 'current')).toBe(false);
    expect(renamedByRotation('previous', 'current')).toBe(false);
  });
  it('clamps an offset past the end of a truncated file', () => {
    expect(mapPosition({ fileId: '1:13', name: 'current', offset: 999 }, segments)?.offset).toBe(
      50,
    );
  });
  it('has nothing to map onto in an empty directory', () => {
    expect(mapPosition({ fileId: '1:13', name: 'current', offset: 0 }, [])).toBeUndefined();
  });
});

describe('logDirFromRunScript', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['#!/bin/sh\nexec multilog t ./main\n', 'multilog', './main'],
    ['#!/bin/sh\n# logs\nexec svtui multilog t s999999 n5 ./main', 'multilog', './main'],
    ['exec setuidgid log multilog t /var/log/x', 'multilog', '/var/log/x'],
    ['#!/bin/sh\nexec chpst -u log svlogd -tt ./main', 'svlogd', './main'],
    ['exec svlogd -l 100 -b 4096 main', 'svlogd', 'main'],
    ['#!/bin/sh\nexec s6-log t ./main', 's6-log', './main'],
    ['exec s6-log -b -d 3 n20 s1000000 T /var/log/s6', 's6-log', '/var/log/s6'],
    [
      'exec 2>&1\nexec multilog t \\\n  "./with space" # trailing comment',
      'multilog',
      './with space',
    ],
    ["exec /usr/bin/multilog t '-*debug*' ./all", 'multilog', './all'],
    ['exec multilog t $LOGDIR', '', undefined],
    ['exec cat > /dev/null', '', undefined],
    ['# exec multilog t ./commented\n', '', undefined],
  ];
  for (const [script, tool, dir] of cases) {
    it(JSON.stringify(script), () => {
      const found = logDirFromRunScript(script);
      expect(found?.dir).toBe(dir);
      if (dir) expect(found?.tool).toBe(tool);
    });
  }
});
