// Preloaded into the console (`node --import ./bench/console-probe.js dist/cli.js TREE`): stamps
// every read of a key from stdin and every write to the terminal (CLOCK_MONOTONIC µs, bytes,
// whether it opens a synchronized frame), and on exit writes them to $SVTUI_PROBE as JSON, so a
// key's time inside the console (key read → its last frame written) and its frames per key can
// be told apart from the terminal's and the harness's. Measures only; changes nothing.
import { writeFileSync } from 'node:fs';

const events = [];
const now = () => Number(process.hrtime.bigint() / 1000n);
const read = process.stdin.read.bind(process.stdin);
process.stdin.read = (...args) => {
  const chunk = read(...args);
  if (chunk !== null) events.push({ t: now(), kind: 'in', data: String(chunk) });
  return chunk;
};
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (data, ...rest) => {
  const text = String(data);
  events.push({ t: now(), kind: 'out', bytes: text.length, frame: text.includes('\x1b[?2026h') });
  return write(data, ...rest);
};
process.on('exit', () => {
  if (process.env.SVTUI_PROBE) writeFileSync(process.env.SVTUI_PROBE, JSON.stringify(events));
});
