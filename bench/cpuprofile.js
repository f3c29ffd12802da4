// Sum a V8 .cpuprofile's self time by file (or package) and by function, over the whole profile
// or over time windows: `node bench/cpuprofile.js FILE.cpuprofile [PHASES.json]`, where
// PHASES.json is [{name, from, to, keys}] in µs of CLOCK_MONOTONIC (process.hrtime), the clock
// V8's profiler stamps its samples with. Prints CPU ms per window and per key.
import { readFileSync } from 'node:fs';

/** Where a frame's time goes: a package, one of svtui's directories, or V8's own bucket. */
export function bucket(frame) {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (pkg) return pkg[1] === 'ink' ? `ink/${pkg[2].replace(/^build\//, '')}` : pkg[1];
  const own = /\/dist\/(.*)$/.exec(url);
  if (own) return `svtui ${own[1]}`;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url;
}

export function summarize(profile, windows = [{ name: 'all', from: -Infinity, to: Infinity }]) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const stamps = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) stamps.push((t += d));
  return windows.map((w) => {
    const files = new Map();
    const fns = new Map();
    let busy = 0;
    let idle = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      if (stamps[i] < w.from || stamps[i] >= w.to) continue;
      // A sample stands for the time until the next one.
      const dt = ((stamps[i + 1] ?? stamps[i]) - stamps[i]) / 1000;
      const node = byId.get(profile.samples[i]);
      const frame = node.callFrame;
      if (frame.functionName === '(idle)') {
        idle += dt;
        continue;
      }
      busy += dt;
      const b = bucket(frame);
      files.set(b, (files.get(b) ?? 0) + dt);
      const fn = `${frame.functionName || '(anonymous)'} ${b}:${frame.lineNumber + 1}`;
      fns.set(fn, (fns.get(fn) ?? 0) + dt);
    }
    const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
    return { ...w, busy, idle, files: top(files, 25), fns: top(fns, 25) };
  });
}

export function print(summaries) {
  for (const s of summaries) {
    const per = s.keys ? `, ${(s.busy / s.keys).toFixed(1)} ms CPU per key (${s.keys} keys)` : '';
    console.log(`\n== ${s.name}: ${s.busy.toFixed(0)} ms busy, ${s.idle.toFixed(0)} ms idle${per}`);
    const col = (ms) =>
      `${ms.toFixed(1).padStart(8)} ms${s.keys ? ` ${(ms / s.keys).toFixed(2).padStart(6)}/key` : ''}`;
    for (const [name, ms] of s.files) if (ms >= s.busy / 100) console.log(`  ${col(ms)}  ${name}`);
    console.log('  -- functions');
    for (const [name, ms] of s.fns.slice(0, 15)) console.log(`  ${col(ms)}  ${name}`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const windows = process.argv[3] ? JSON.parse(readFileSync(process.argv[3], 'utf8')) : undefined;
  print(summarize(profile, windows));
}
