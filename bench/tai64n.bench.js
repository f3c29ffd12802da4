// svtui tai64nlocal and tai64n beside daemontools' and s6's on 1M lines of ~100 bytes.
// Budget (DESIGN.md): svtui tai64nlocal wall ≤ s6-tai64nlocal's, peak ≤ 80 MB.
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { compare } from './lib.js';

const out = new URL('./out/', import.meta.url).pathname;
// SVTUI_BIN: another build of the CLI to time (e.g. a snapshot while others rebuild dist/).
const svtui = process.env.SVTUI_BIN ?? new URL('../bin/svtui.js', import.meta.url).pathname;
const LINES = 1_000_000;
const OFFSET = (1n << 62n) + 10n;

/** Write `LINES` lines made by `line(i)` to bench/out/NAME once; return the path. */
function inputFile(name, line) {
  const path = `${out}${name}`;
  if (existsSync(path)) return path;
  mkdirSync(out, { recursive: true });
  const fd = openSync(path, 'w');
  let batch = [];
  for (let i = 0; i < LINES; i++) {
    batch.push(line(i));
    if (batch.length === 10_000) {
      writeSync(fd, batch.join(''));
      batch = [];
    }
  }
  writeSync(fd, batch.join(''));
  closeSync(fd);
  return path;
}

const hexLabel = (seconds, nanos) =>
  `@${(seconds + OFFSET).toString(16)}${nanos.toString(16).padStart(8, '0')}`;
const text = (i) => `svc[${i % 997}]: request ${i} handled in ${i % 89} ms ${'x'.repeat(40)}\n`;

export default async function () {
  // A busy service: about 600 lines a second, starting in 2024, across a DST switch.
  const busy = inputFile('tai64n-busy-1M.txt', (i) => {
    const ns = BigInt(i) * 1_666_667n;
    return `${hexLabel(1711846800n + ns / 1_000_000_000n, Number(ns % 1_000_000_000n))} ${text(i)}`;
  });
  // The worst case for caches: every line a different second, years apart.
  const scattered = inputFile('tai64n-scattered-1M.txt', (i) => {
    const seconds = BigInt((i * 2654435761) % 4_000_000_000) - 1_000_000_000n;
    return `${hexLabel(seconds, (i * 7919) % 1e9)} ${text(i)}`;
  });
  const plain = inputFile('plain-1M.txt', (i) => text(i).padStart(100, '-'));
  const env = { ...process.env, TZ: 'Europe/Berlin' };
  const locals = [
    { name: 'svtui tai64nlocal', argv: [svtui, 'tai64nlocal'] },
    { name: 'tai64nlocal', argv: ['/usr/bin/tai64nlocal'] },
    { name: 's6-tai64nlocal', argv: ['/usr/bin/s6-tai64nlocal'] },
  ];
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const reference = 's6-tai64nlocal';
  compare('tai64nlocal, 1M busy log lines, TZ=Europe/Berlin', locals, {
    runs,
    reference,
    input: busy,
    env,
  });
  compare('tai64nlocal, 1M lines, every one a new second', locals, {
    runs,
    reference,
    input: scattered,
    env,
  });
  compare(
    'tai64n, 1M lines of 100 bytes',
    [
      { name: 'svtui tai64n', argv: [svtui, 'tai64n'] },
      { name: 'tai64n', argv: ['/usr/bin/tai64n'] },
      { name: 's6-tai64n', argv: ['/usr/bin/s6-tai64n'] },
    ],
    { runs, reference: 's6-tai64n', input: plain },
  );
}
