// svtui tai64nlocal against the real tai64nlocal (daemontools') on the same input: thousands of seeded
// labels over every year range glibc accepts, in zones of every kind. The real tool crashes (and
// loses its whole buffered chunk) on a label it cannot convert, so it only gets convertible ones;
// the crash inputs are checked one by one: real crash ⇒ svtui passes the line through.
import { describe, expect, it } from 'vitest';
import { haveTools, runCli, runSync, which } from '../support/tools.js';
import { label, MAX_SAFE, MIN_SAFE, validLines } from './generate.js';

const present = haveTools('tai64nlocal');
const REAL = which('tai64nlocal') ?? 'tai64nlocal';

const ZONES = [
  'UTC',
  'unset',
  'right/UTC',
  'right/US/Pacific',
  'right/Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Eucla',
  'Australia/Lord_Howe',
  'Europe/Moscow',
  'America/Sao_Paulo',
  'America/New_York',
  'Europe/Dublin',
  'Pacific/Chatham',
  'EST5EDT',
  ':Europe/Paris',
  'CET-1CEST,M3.5.0,M10.5.0/3',
  '<+0330>-3:30',
  'No/Such_Zone',
];

function envFor(tz: string): NodeJS.ProcessEnv {
  const { TZ: _unused, ...rest } = process.env;
  return tz === 'unset' ? rest : { ...rest, TZ: tz };
}

function firstDifferences(input: string[], real: string[], ours: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(real.length, ours.length) && out.length < 5; i++)
    if (real[i] !== ours[i]) out.push(`${input[i]}\n  real:  ${real[i]}\n  svtui: ${ours[i]}`);
  return out;
}

describe.skipIf(!present)('svtui tai64nlocal = the real tai64nlocal', () => {
  for (const tz of ZONES) {
    it(`on 3000 seeded labels in TZ=${tz}`, () => {
      const lines = validLines(ZONES.indexOf(tz) + 1, 3000);
      const input = Buffer.from(`${lines.join('\n')}\nplain\n\n${lines[0]}`, 'latin1');
      const env = envFor(tz);
      const real = runSync([REAL], { input, env });
      const ours = runCli(['tai64nlocal'], { input, env });
      expect(real.signal, 'the real tool crashed on an input meant to be safe').toBeNull();
      const split = (b: Buffer) => b.toString('latin1').split('\n');
      const diff = firstDifferences(split(input), split(real.stdout), split(ours.stdout));
      expect(diff.join('\n')).toBe('');
      expect(ours.stdout.equals(real.stdout)).toBe(true);
      expect(ours.status).toBe(0);
    });
  }

  it('passes through every line the real tool crashes on, and matches it at the range edges', () => {
    const edges = [MIN_SAFE, MAX_SAFE].flatMap((s) => [s - 172800n, s + 172800n]);
    const candidates = [
      '@400000005147C8CB14BAC91C upper',
      '@4000000051 short',
      '@',
      '@ nohex',
      '@@400000005147c8cb14bac91c',
      '@400000005147c8cb14bac91c0 extra',
      '@ffffffffffffffffffffffff',
      '@000000000000000000000000',
      ...edges.flatMap((s) => [-1n, 0n, 1n, 50400n].map((d) => `${label(s + d, 0)} edge`)),
      ...edges.flatMap((s) => [-1n, 0n, 1n, 50400n].map((d) => `${label(s - d, 0)} edge`)),
    ];
    let crashes = 0;
    for (const tz of ['UTC', 'Pacific/Kiritimati', 'America/New_York', 'right/UTC']) {
      // svtui never loses a line, so one run covers them all; the real tool needs one run each.
      const all = Buffer.from(candidates.map((line) => `${line}\n`).join(''), 'latin1');
      const ours = runCli(['tai64nlocal'], { input: all, env: envFor(tz) }).stdout;
      const oursLines = ours.toString('latin1').split('\n');
      candidates.forEach((line, i) => {
        const real = runSync([REAL], { input: `${line}\n`, env: envFor(tz) });
        const mine = `${oursLines[i]}\n`;
        if (real.signal) {
          crashes++;
          expect(mine, `TZ=${tz} ${line}`).toBe(`${line}\n`);
        } else expect(mine, `TZ=${tz} ${line}`).toBe(real.stdout.toString('latin1'));
      });
    }
    expect(crashes).toBeGreaterThan(30);
  });
});
