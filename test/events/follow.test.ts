// `svtui events --follow` on real files written by the health engine's own writer (EventLog),
// its rotation made to happen every few lines: the history first, then each event appended after
// it started, once and in order, across rotations, and for a service whose supervise/ appears
// later. SIGINT ends it with exit 0.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EventLog } from '../../src/health/event-log.js';
import type { HealthEvent } from '../../src/health/event.js';
import { startProcess, waitFor } from '../support/processes.js';
import { cli, tempDir } from '../support/tools.js';

const event = (service: string, n: number): HealthEvent => ({
  time: new Date(Date.UTC(2026, 10, 30, 12, 0, n)).toISOString(),
  service,
  kind: 'start',
  text: `start number ${n}`,
  pid: 1000 + n,
});

it('prints the history, then every new event across rotations, until SIGINT', async () => {
  const tree = tempDir('svtui-events-follow-');
  for (const name of ['a', 'b']) {
    mkdirSync(join(tree, name));
    writeFileSync(join(tree, name, 'run'), '#!/bin/sh\nexec sleep 1\n');
  }
  mkdirSync(join(tree, 'a', 'supervise'));
  // About three lines a file: the fourth append rotates.
  const a = new EventLog(join(tree, 'a', 'supervise'), 400);
  await a.append(event('a', 0));

  const child = startProcess(process.execPath, [cli, 'events', '--follow', '--json', tree]);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const texts = () =>
    out
      .split('\n')
      .filter((l) => l)
      .map((l) => (JSON.parse(l) as HealthEvent).text);
  await waitFor(() => texts().length === 1, 5000);
  expect(texts()).toEqual(['start number 0']);

  for (let n = 1; n <= 10; n++) {
    await a.append(event('a', n));
    if (n % 3 === 0) await waitFor(() => texts().length === n + 1, 5000); // seen before the next
  }
  expect(existsSync(join(tree, 'a', 'supervise', 'svtui-events.old'))).toBe(true);
  // b's supervise/ is made after following began.
  mkdirSync(join(tree, 'b', 'supervise'));
  await new EventLog(join(tree, 'b', 'supervise')).append(event('b', 11));
  await waitFor(() => texts().length === 12, 5000);
  expect(texts()).toEqual(Array.from({ length: 12 }, (_, n) => `start number ${n}`));

  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  process.kill(child.pid!, 'SIGINT');
  expect(await exited).toBe(0);
}, 30_000);
