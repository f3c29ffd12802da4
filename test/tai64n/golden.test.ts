// svtui tai64nlocal against outputs recorded from the real tool (test/golden/tai64n), so the
// byte-for-byte claim is checked even where daemontools is not installed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli } from '../support/tools.js';
// @ts-expect-error: plain JS data shared with record.mjs
import { ZONES } from '../golden/tai64n/zones.mjs';

const dir = join(root, 'test/golden/tai64n');
const zones = ZONES as Array<{ tz: string; file: string }>;

describe('golden outputs of the real tai64nlocal', () => {
  const input = readFileSync(join(dir, 'labels.in'));
  for (const zone of zones) {
    it(`TZ=${zone.tz}`, () => {
      const r = runCli(['tai64nlocal'], { input, env: { ...process.env, TZ: zone.tz } });
      const expected = readFileSync(join(dir, `${zone.file}.exp`));
      expect(r.stdout.toString('latin1')).toBe(expected.toString('latin1'));
    });
  }
  it('passes the lines the real tool crashes on through unchanged', () => {
    const input = readFileSync(join(dir, 'crash.in'));
    const r = runCli(['tai64nlocal'], { input, env: { ...process.env, TZ: 'UTC' } });
    expect(r.stdout.equals(input)).toBe(true);
  });
});
