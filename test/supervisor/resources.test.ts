// The resource history under svtui scan's supervisor (startSupervisor, as `svtui scan` and the
// embedded console run it): every 2 s a record in each running service's
// supervise/svtui-resources for its pid, its starts counted across a restart, the in-process
// logger's lines per second, nothing while it is down, and the file closed once the service
// leaves the tree. Every process is stopped by pid.
import { mkdtempSync, readdirSync, readlinkSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sendControl } from '../../src/control/index.js';
import { readResourceHistory, type ResourceRecord } from '../../src/resources/index.js';
import { startSupervisor } from '../../src/supervisor/index.js';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import { makeService, remember, waitDown, waitUp } from './helpers.js';

const records = (dir: string): ResourceRecord[] => {
  const read = readResourceHistory(join(dir, 'supervise', 'svtui-resources'));
  return read.ok ? (read.rings[0]?.records ?? []) : [];
};

/** History files this process (the supervisor runs in it) holds open. */
const openHistories = () =>
  readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const path = readlinkSync(`/proc/self/fd/${fd}`);
      return path.endsWith('/supervise/svtui-resources') ? [path] : [];
    } catch {
      return [];
    }
  });

const elsewhere = mkdtempSync(join(tmpdir(), 'svtui-moved-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

it('keeps every running service history in supervise/svtui-resources', async () => {
  const tree = tempDir();
  const web = makeService(tree, 'web', { run: 'exec sleep 100' });
  const chatty = makeService(tree, 'chatty', {
    run: 'while :; do echo one; echo two; sleep 0.1; done',
    log: 'exec svtui multilog ./main',
  });
  const gone = makeService(tree, 'gone', { run: 'exec sleep 100' });
  const supervisor = await startSupervisor({ dir: tree, stderr: () => {}, graceMs: 300 });
  try {
    const first = await waitUp(web);
    remember(first);
    remember(await waitUp(chatty));
    remember(await waitUp(gone));
    // Two sweeps of the running service: its pid, its first start, its tree's memory.
    const two = await waitFor(() => {
      const mine = records(web).filter((r) => r.pid === first);
      return mine.length >= 2 ? mine : undefined;
    }, 10_000).then((found) => found!);
    expect(two[0]).toMatchObject({ pid: first, restarts: 1, children: 0, threads: 1 });
    expect(two[1]!.time).toBeGreaterThan(two[0]!.time);
    expect(two[1]!.rssKB).toBeGreaterThan(0);
    expect(two[1]!.cpuPermille).toBeGreaterThanOrEqual(0);
    // The in-process logger's lines: ~20 a second, a lower bound on a busy box.
    const logged = await waitFor(
      () => records(chatty).find((r) => (r.logLinesPerSecond ?? 0) > 0),
      10_000,
    ).then((found) => found!);
    expect(logged.logLinesPerSecond).toBeLessThan(100);

    // A restart: the new pid's records count the second start.
    expect(sendControl(web, 't').ok).toBe(true);
    const second = await waitUp(web, first);
    remember(second);
    const after = await waitFor(() => records(web).find((r) => r.pid === second), 10_000).then(
      (found) => found!,
    );
    expect(after.restarts).toBe(2);

    // Down: no record while the other services get two more.
    expect(sendControl(web, 'd').ok).toBe(true);
    await waitDown(web);
    const whileDown = records(web).length;
    const chattyNow = records(chatty).length;
    await waitFor(() => records(chatty).length >= chattyNow + 2, 10_000);
    expect(records(web)).toHaveLength(whileDown);
    expect(records(web).at(-1)?.pid).toBe(second);

    // Out of the tree (still running, as daemontools keeps it): its history is closed.
    expect(openHistories().some((p) => p.includes('/gone/'))).toBe(true);
    renameSync(gone, join(elsewhere, 'gone'));
    await supervisor.rescan();
    await waitFor(() => !openHistories().some((p) => p.includes('/gone/')), 10_000);
  } finally {
    await supervisor.stop();
  }
  expect(openHistories().filter((p) => p.startsWith(tree))).toEqual([]);
}, 40_000);
