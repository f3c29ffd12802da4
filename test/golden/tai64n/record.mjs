// Re-record the golden outputs with the real daemontools tai64nlocal (found on PATH):
//   node test/golden/tai64n/record.mjs
// labels.in holds only labels the real tool converts (it crashes on the others; those are in
// crash.in, whose expected svtui output is the input itself).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { ZONES } from './zones.mjs';

const dir = new URL('./', import.meta.url).pathname;
const input = readFileSync(`${dir}labels.in`);
for (const zone of ZONES) {
  const out = execFileSync('tai64nlocal', { input, env: { ...process.env, TZ: zone.tz } });
  writeFileSync(`${dir}${zone.file}.exp`, out);
}
