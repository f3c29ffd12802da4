// The stream decoder reuses a zone answer over the span of instants it is valid for. Walk label
// sequences across DST switches, leap seconds, footer-rule years and zone history, forwards and
// backwards, and check every line against the uncached line decoder.
import { describe, expect, it } from 'vitest';
import { decodeLabelLine } from '../../src/time/decode.js';
import { resolveZone } from '../../src/time/zone.js';
import { label, random } from './generate.js';
import { streamDecode } from './stream.js';

const ZONES = [
  'America/New_York',
  'Australia/Lord_Howe',
  'Europe/Moscow',
  'right/Europe/Berlin',
  'right/UTC',
  'Pacific/Chatham',
  'CET-1CEST,M3.5.0,M10.5.0/3',
  'AEST-10AEDT,M10.1.0,M4.1.0/3',
];

function walks(seed: number): bigint[] {
  const rand = random(seed);
  const around = [
    1710054000, 1730613600, 1483228826, 1435708824, 78796800, 2147483647, 2145916800, 2177452800,
    4102444800, 1711846800, 1728770400, -2208988800, 0,
  ];
  const out: bigint[] = [];
  for (const x of around) for (let d = -4; d <= 4; d++) out.push(BigInt(x + d * 900 + (d % 2)));
  for (const x of around) for (let d = -3; d <= 3; d++) out.push(BigInt(x + d));
  let t = -2_500_000_000;
  while (t < 5_000_000_000) {
    out.push(BigInt(t));
    t += Math.floor(rand() * 3e6) + 1;
  }
  return [...out, ...out.slice().reverse()];
}

describe('stream decoder span cache', () => {
  for (const tz of ZONES) {
    it(`agrees with the uncached decoder in ${tz}`, () => {
      const zone = resolveZone(tz).zone;
      const lines = walks(tz.length).map((s, i) => `${label(s, i)} ${i}`);
      const streamed = streamDecode(Buffer.from(lines.join('\n') + '\n'), tz)
        .toString()
        .split('\n');
      lines.forEach((line, i) => {
        expect(streamed[i], line).toBe(decodeLabelLine(line, zone));
      });
    });
  }
});
