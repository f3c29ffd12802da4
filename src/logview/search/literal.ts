// A byte search for a literal that stays fast on log text (pure).
//   - Case-sensitive, 8 bytes or more: the runtime's own search (it turns to Boyer-Moore-Horspool
//     when a plain scan does badly) on the whole literal.
//   - Case-sensitive and short: a search that starts from the literal's first byte crawls when
//     that byte is everywhere (`x4242` in lines full of `x`: 20 × slower than grep), so it looks
//     for the literal from its RAREST byte onwards and then compares the bytes before. Rarity is
//     learnt from a sample of the text itself (the first chunk searched); before that, a guess
//     that favours capitals, digits and punctuation.
//   - Any case (an ASCII literal, on ASCII text): Boyer-Moore-Horspool on ASCII-folded bytes.

export interface LiteralNeedle {
  bytes: Buffer;
  /** Index in `bytes` of the byte the search starts from: it runs on bytes.subarray(anchor). */
  anchor: number;
  tail: Buffer;
  /** Any case: the folded literal and its skip table. */
  folded?: { bytes: Uint8Array; skip: Int32Array };
}

const LONG = 8;

/** Whether every character of `text` is ASCII. */
export function isAsciiText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
const LOWER = Uint8Array.from({ length: 256 }, (_, b) => (b >= 65 && b <= 90 ? b + 32 : b));

export function literalNeedle(text: string, sample?: Uint8Array, anyCase = false): LiteralNeedle {
  const bytes = Buffer.from(text);
  if (anyCase) {
    const folded = Uint8Array.from(bytes, (b) => LOWER[b]!);
    const skip = new Int32Array(256).fill(folded.length);
    for (let i = 0; i < folded.length - 1; i++) {
      const b = folded[i]!;
      skip[b] = folded.length - 1 - i;
      if (b >= 97 && b <= 122) skip[b - 32] = folded.length - 1 - i;
    }
    return { bytes, anchor: 0, tail: bytes, folded: { bytes: folded, skip } };
  }
  if (bytes.length >= LONG) return { bytes, anchor: 0, tail: bytes };
  const counts = new Uint32Array(256);
  if (sample) for (let i = 0; i < Math.min(sample.length, 1 << 16); i++) counts[sample[i]!]! += 1;
  let anchor = 0;
  let best = Infinity;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const score = sample ? counts[b]! : guess(b);
    if (score < best) {
      best = score;
      anchor = i;
    }
  }
  return { bytes, anchor, tail: bytes.subarray(anchor) };
}

/** The first offset ≥ from where the literal starts in `chunk`, or −1. */
export function findLiteral(chunk: Buffer, needle: LiteralNeedle, from: number): number {
  if (needle.folded) return findFolded(chunk, needle.folded, from);
  const { bytes, anchor, tail } = needle;
  let p = from + anchor;
  for (;;) {
    const k = chunk.indexOf(tail, p);
    if (k < 0) return -1;
    const start = k - anchor;
    if (start >= from && matchesHead(chunk, start, bytes, anchor)) return start;
    p = k + 1;
  }
}

/** Horspool on ASCII-folded bytes. */
function findFolded(
  chunk: Uint8Array,
  folded: { bytes: Uint8Array; skip: Int32Array },
  from: number,
): number {
  const { bytes, skip } = folded;
  const m = bytes.length;
  const last = bytes[m - 1]!;
  const n = chunk.length;
  let i = from + m - 1;
  while (i < n) {
    const x = chunk[i]!;
    if (LOWER[x] === last) {
      let k = 1;
      while (k < m && LOWER[chunk[i - k]!] === bytes[m - 1 - k]) k++;
      if (k === m) return i - m + 1;
    }
    i += skip[x]!;
  }
  return -1;
}

function matchesHead(chunk: Buffer, start: number, bytes: Buffer, anchor: number): boolean {
  for (let i = 0; i < anchor; i++) if (chunk[start + i] !== bytes[i]) return false;
  return true;
}

/** How common a byte is in log text, by rough class (lower = rarer). */
function guess(b: number): number {
  if (b === 32) return 1000;
  if (b >= 97 && b <= 122) return 'etaoinsrhl'.includes(String.fromCharCode(b)) ? 500 : 300;
  if (b >= 48 && b <= 57) return 200;
  if (b >= 65 && b <= 90) return 50;
  return b >= 128 ? 20 : 100;
}
