// Seeded generators of tai64nlocal inputs for the differential tests: reproducible, so a failure
// can be replayed. Labels are `@` + 24 lowercase hex digits unless said otherwise.
const OFFSET = (1n << 62n) + 10n;

/** Unix seconds glibc's localtime accepts in UTC (spec §5.2), kept two days inside the edges. */
export const MIN_SAFE = -67768040609740800n + 172800n;
export const MAX_SAFE = 67768036191676799n - 172800n;

/** mulberry32: a small deterministic PRNG returning floats in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function label(unixSeconds: bigint, nanoseconds: number): string {
  const seconds = BigInt.asUintN(64, unixSeconds + OFFSET)
    .toString(16)
    .padStart(16, '0');
  return `@${seconds}${(nanoseconds >>> 0).toString(16).padStart(8, '0')}`;
}

/** Leap-second edges: the day each of the 27 was inserted at the end of (spec §5.2). */
const LEAP_MIDNIGHTS = [
  78796800, 94694400, 126230400, 157766400, 189302400, 220924800, 252460800, 283996800, 315532800,
  362793600, 394329600, 425865600, 489024000, 567993600, 631152000, 662688000, 709948800, 741484800,
  773020800, 820454400, 867715200, 915148800, 1136073600, 1230768000, 1341100800, 1435708800,
  1483228800,
];

function between(rand: () => number, lo: bigint, hi: bigint): bigint {
  const span = hi - lo;
  const r = (BigInt(Math.floor(rand() * 2 ** 32)) << 32n) | BigInt(Math.floor(rand() * 2 ** 32));
  return lo + (r % span);
}

const YEAR = 31556952n;

/** `count` label seconds spread over every range that matters, all convertible in any zone. */
export function labelSeconds(seed: number, count: number): bigint[] {
  const rand = random(seed);
  const pick = (): bigint => {
    const kind = Math.floor(rand() * 8);
    switch (kind) {
      case 0: // recent years, where logs live
        return between(rand, 946684800n, 2082758400n);
      case 1: // the 32-bit era, 1901 … 2106
        return between(rand, -(2n ** 31n), 2n ** 32n);
      case 2: // year 1 … 10000, pre-1970 included
        return between(rand, -62135596800n, 253402300800n + YEAR);
      case 3: // anywhere glibc accepts
        return between(rand, MIN_SAFE, MAX_SAFE);
      case 4: {
        // near a leap second (label scale: midnight + n − 1 is the inserted second)
        const i = Math.floor(rand() * LEAP_MIDNIGHTS.length);
        return BigInt(LEAP_MIDNIGHTS[i]! + i) + BigInt(Math.floor(rand() * 7) - 3);
      }
      case 5: // year 9999 … 300000 (beyond what Intl knows)
        return between(rand, 253402300800n - YEAR, 300000n * YEAR);
      case 6: // whole hours and half hours in recent decades: DST switches happen there
        return between(rand, 0n, 2145916800n / 1800n) * 1800n + BigInt(Math.floor(rand() * 3) - 1);
      default: // around year 0 and negative years
        return between(rand, -62167219200n - 5n * YEAR, -62135596800n + YEAR);
    }
  };
  return Array.from({ length: count }, pick);
}

/** Nanosecond fields: mostly ordinary, some at and above 10^9. */
export function nanoseconds(rand: () => number): number {
  const kind = rand();
  if (kind < 0.8) return Math.floor(rand() * 1e9);
  if (kind < 0.9) return [0, 999999999, 1000000000, 0xffffffff][Math.floor(rand() * 4)]!;
  return Math.floor(rand() * 2 ** 32);
}

/** Lines of valid labels followed by assorted text (space, tab, none, binary bytes). */
export function validLines(seed: number, count: number): string[] {
  const rand = random(seed + 1);
  const tails = [' x', '\tt', '', 'z', ' \x01\x7f\xff', ' ' + 'w'.repeat(40), ' @40 mid', '@'];
  return labelSeconds(seed, count).map(
    (s) => label(s, nanoseconds(rand)) + tails[Math.floor(rand() * tails.length)]!,
  );
}
