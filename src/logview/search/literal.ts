// A byte search for a literal that stays fast on log text (pure). A search that starts from the
// literal's first byte crawls when that byte is everywhere (`x4242` in lines full of `x`: 20 ×
// slower than grep), so the search looks for the literal from its RAREST byte onwards and then
// compares the bytes before. Rarity is learnt from a sample of the text itself (the first chunk
// searched); before that, a guess that favours capitals, digits and punctuation.

export interface LiteralNeedle {
  bytes: Buffer;
  /** Index in `bytes` of the rarest byte: the search runs on bytes.subarray(anchor). */
  anchor: number;
  tail: Buffer;
}

export function literalNeedle(text: string, sample?: Uint8Array): LiteralNeedle {
  const bytes = Buffer.from(text);
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
