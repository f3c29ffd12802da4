// `svtui status` on trees runit's runsvdir and s6's s6-svscan own: their own status layouts read,
// figures from /proc, s6's readiness shown for a daemon that says it will notify it.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S6_TOOLS, s6Pid, startS6Svscan, stopS6 } from '../control/s6-live.js';
import { processesIn, startProcess, waitFor } from '../support/processes.js';
import { haveTools, runCli, tempDir, tool } from '../support/tools.js';

function service(tree: string, name: string): void {
  mkdirSync(join(tree, name));
  writeFileSync(join(tree, name, 'run'), '#!/bin/sh\nexec sleep 1000\n');
  chmodSync(join(tree, name, 'run'), 0o755);
}

interface Row {
  service: string;
  state: string;
  pid: number | null;
  ready: boolean | null;
  threads: number | null;
  as_wanted: boolean;
}

function status(tree: string): { code: number | null; rows: Row[]; human: string } {
  const json = runCli(['status', '--json', tree]);
  const human = runCli(['status', tree]).stdout.toString();
  return {
    code: json.status,
    rows: (JSON.parse(json.stdout.toString()) as { services: Row[] }).services,
    human,
  };
}

describe.skipIf(!haveTools('runsvdir', 'runsv'))('under runit runsvdir', () => {
  const tree = tempDir('svtui-status-runit-');
  let runsvdir: ChildProcess | undefined;
  beforeAll(async () => {
    service(tree, 'alpha');
    runsvdir = startProcess(tool('runsvdir'), [tree]);
    await waitFor(() => (status(tree).rows[0]?.pid ?? 0) > 0, 10_000, 200);
  });
  afterAll(async () => {
    // HUP: runsvdir TERMs every runsv and exits; wait for them and their services to be gone,
    // or the tree's removal races runsv's last writes into supervise/.
    if (runsvdir?.pid) process.kill(runsvdir.pid, 'SIGHUP');
    await waitFor(() => processesIn(tree).length === 0, 10_000);
  });

  it('reads runsv’s status and measures the service', () => {
    const { code, rows, human } = status(tree);
    expect(rows).toEqual([
      expect.objectContaining({ service: 'alpha', state: 'up', threads: 1, as_wanted: true }),
    ]);
    expect(human).toMatch(new RegExp(`^alpha +up +${rows[0]!.pid} `, 'm'));
    expect(code).toBe(0);
  });
});

describe.skipIf(!haveTools(...S6_TOOLS))('under s6-svscan', () => {
  const tree = tempDir('svtui-status-s6-');
  let svscan: ChildProcess | undefined;
  const pids = new Set<number>();
  beforeAll(async () => {
    service(tree, 'alpha');
    service(tree, 'gamma');
    writeFileSync(join(tree, 'gamma', 'notification-fd'), '3\n'); // and never notifies
    svscan = await startS6Svscan(tree, ['alpha', 'gamma']);
    for (const n of ['alpha', 'gamma']) pids.add(s6Pid(join(tree, n)));
  });
  afterAll(async () => {
    if (svscan) await stopS6(svscan, [...pids]);
  });

  it('reads s6’s status, with readiness where the daemon notifies it', () => {
    const { rows, human } = status(tree);
    expect(rows.map((r) => [r.service, r.state, r.pid, r.ready])).toEqual([
      ['alpha', 'up', s6Pid(join(tree, 'alpha')), null],
      ['gamma', 'up', s6Pid(join(tree, 'gamma')), false],
    ]);
    expect(human).toMatch(/^gamma +up, not ready +\d+ /m);
  });
});
