// Shared benchmark helpers: run a command under /usr/bin/time, alternate candidates, report medians.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Run `argv` with stdin from `input` (a file path, or undefined for /dev/null) and stdout to
 * `output` (default /dev/null). Returns wall seconds and peak resident memory in MB.
 */
export function measure(argv, { input, output = '/dev/null', env = process.env, cwd } = {}) {
  const script = 'exec "$@" <"$IN" >"$OUT"';
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', 'bash', '-c', script, 'bench', ...argv],
    { env: { ...env, IN: input ?? '/dev/null', OUT: output }, cwd, encoding: 'utf8' },
  );
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [wall, kb] = last.split(' ').map(Number);
  if (result.status !== 0 || !Number.isFinite(wall)) {
    throw new Error(
      `${argv.join(' ')} failed (status ${result.status}): ${result.stderr.slice(0, 400)}`,
    );
  }
  return { wall, peakMB: kb / 1024 };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Time several candidates on the same input, alternating between them `runs` times, and print
 * medians and the ratio of each to the `reference` candidate. Candidates whose binary is missing
 * are reported and skipped.
 */
export function compare(title, candidates, { runs = 5, reference, ...options } = {}) {
  const present = candidates.filter((c) =>
    c.argv[0].includes('/') ? existsSync(c.argv[0]) : true,
  );
  for (const c of candidates)
    if (!present.includes(c)) console.log(`  ${c.name}: missing (${c.argv[0]}), skipped`);
  const samples = new Map(present.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const c of present)
      samples.get(c.name).push(measure(c.argv, { ...options, ...c.options }));
  }
  const rows = present.map((c) => {
    const s = samples.get(c.name);
    return {
      name: c.name,
      wall: median(s.map((x) => x.wall)),
      peakMB: Math.max(...s.map((x) => x.peakMB)),
    };
  });
  const ref = rows.find((r) => r.name === reference);
  console.log(`\n${title} (median of ${runs}, alternating)`);
  for (const r of rows) {
    const ratio = ref ? `  ratio ${(r.wall / ref.wall).toFixed(2)} vs ${ref.name}` : '';
    console.log(
      `  ${r.name.padEnd(22)} wall ${r.wall.toFixed(3)} s  peak ${r.peakMB.toFixed(1)} MB${ratio}`,
    );
  }
  return rows;
}
