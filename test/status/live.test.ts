// `svtui status` and `svtui events` against real trees: one run by `svtui scan` with a monitor
// file whose HTTP check fails (a server in this test answers 503), a crashing service and an
// in-process logger; one run by daemontools' svscan, where nothing of svtui's is on disk and the
// figures come from /proc.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, startProcess, waitFor } from '../support/processes.js';
import { cli, haveTools, runCli, tempDir, tool } from '../support/tools.js';

function service(tree: string, name: string, run: string, log?: string): void {
  const dir = join(tree, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run'), `#!/bin/sh\n${run}\n`);
  chmodSync(join(dir, 'run'), 0o755);
  if (log === undefined) return;
  mkdirSync(join(dir, 'log'));
  writeFileSync(join(dir, 'log', 'run'), `#!/bin/sh\n${log}\n`);
  chmodSync(join(dir, 'log', 'run'), 0o755);
}

interface JsonService {
  service: string;
  state: string;
  pid: number | null;
  as_wanted: boolean;
  in_process: boolean;
  cpu_percent: number | null;
  memory_bytes: number | null;
  children: number | null;
  threads: number | null;
  resources_from: string | null;
  restarts: number | null;
  restarts_from: string | null;
  checks: { check: string; state: string; last: string | null; response_seconds: number | null }[];
}

function statusJson(...args: string[]): { code: number | null; services: JsonService[] } {
  const r = runCli(['status', '--json', ...args]);
  expect(r.stderr.toString()).toBe('');
  const doc = JSON.parse(r.stdout.toString()) as { schema: number; services: JsonService[] };
  expect(doc.schema).toBe(1);
  return { code: r.status, services: doc.services };
}

const byName = (services: JsonService[], name: string) => services.find((s) => s.service === name);

describe('under svtui scan, with a failing HTTP check', () => {
  const tree = tempDir('svtui-status-scan-');
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.statusCode = 503;
      res.end('down for maintenance\n');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
    mkdirSync(join(tree, '.svtui'));
    writeFileSync(join(tree, '.svtui', 'monitrc'), 'set daemon 1\n');
    service(tree, 'web', 'exec sleep 1000');
    writeFileSync(
      join(tree, 'web', 'monitor'),
      `if failed host 127.0.0.1 port ${port} protocol http timeout 2 seconds then alert\n`,
    );
    // The child outlives a stop of the scanner (TERM reaches the main process only, as svc -d):
    // killed by its pid below.
    service(
      tree,
      'plain',
      'sleep 1000 & echo $! > child.pid; exec sleep 1000',
      'exec svtui multilog t ./main',
    );
    service(tree, 'crashy', 'sleep 0.2; exit 3');
    startProcess(process.execPath, [cli, 'scan', tree]); // stopped by pid when the file ends
  });
  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    const child = Number(readFileSync(join(tree, 'plain', 'child.pid'), 'utf8'));
    if (child > 1 && alive(child)) process.kill(child, 'SIGKILL');
  });

  it('reports the failed check, the restarts, the in-process logger, and exits 1', async () => {
    const seen = await waitFor<{ code: number | null; services: JsonService[] } | undefined>(
      () => {
        const { code, services } = statusJson(tree);
        const web = byName(services, 'web');
        const crashy = byName(services, 'crashy');
        return web?.checks[0]?.state === 'failed' && (crashy?.restarts ?? 0) >= 1
          ? { code, services }
          : undefined;
      },
      20_000,
      300,
    );
    if (!seen) throw new Error('unreachable: waitFor resolves with a value');
    expect(seen.services.map((s) => s.service)).toEqual(['crashy', 'plain', 'plain/log', 'web']);
    expect(seen.code).toBe(1);
    const web = byName(seen.services, 'web')!;
    // svtui scan keeps every service's resource history: status reads its newest sample once
    // there is one for this pid, /proc until then (a restart moments ago).
    expect(web).toMatchObject({ state: 'up', as_wanted: false });
    expect(['history', 'proc']).toContain(web.resources_from);
    expect(web.checks[0]).toMatchObject({
      check: `port 127.0.0.1:${port} http /`,
      state: 'failed',
      last: 'failed',
    });
    expect(web.checks[0]!.response_seconds).toBeGreaterThanOrEqual(0);
    expect(byName(seen.services, 'crashy')).toMatchObject({ restarts_from: 'history' });
    const plain = byName(seen.services, 'plain')!;
    expect(plain).toMatchObject({ state: 'up', as_wanted: true, children: 1, threads: 2 });
    expect(plain.memory_bytes).toBeGreaterThan(0);
    expect(byName(seen.services, 'plain/log')).toMatchObject({
      state: 'up',
      pid: null,
      in_process: true,
      as_wanted: true,
    });

    // One service named as svstat takes it: only that one, and it is as wanted.
    const one = runCli(['status', join(tree, 'plain')]);
    expect(one.status).toBe(0);
    const lines = one.stdout.toString().split('\n');
    expect(lines[0]).toMatch(
      /^SERVICE +STATE +PID +UPTIME +CPU +MEM +THREADS +CHILDREN +RESTARTS +CHECKS$/,
    );
    expect(lines[1]).toMatch(
      // CPU is "-" while the newest sample is the first one of this pid (as monit says it).
      new RegExp(
        `^${join(tree, 'plain')} +up +\\d+ +\\d+s +(\\d+\\.\\d%|-) +[\\d.]+[KM] +2 +1 +0 +-$`,
      ),
    );

    const prom = runCli(['status', '--prometheus', tree]).stdout.toString();
    expect(prom).toContain('svtui_service_up{service="web"} 1\n');
    expect(prom).toContain(
      `svtui_check_up{service="web",check="port 127.0.0.1:${port} http /",line="1"} 0\n`,
    );
    expect(prom).toMatch(
      /svtui_check_response_seconds\{service="web",check="[^"]+",line="1"\} [\d.e-]+\n/,
    );
    expect(prom).toMatch(/svtui_service_restarts_total\{service="crashy"\} [1-9]\d*\n/);

    const events = runCli(['events', '--tz', 'UTC', tree]);
    expect(events.status).toBe(0);
    expect(events.stdout.toString()).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} {2}web +check-failed +port 127\.0\.0\.1:\d+ http \/ failed: .*503/m,
    );
  }, 40_000);
});

const daemontools = haveTools('svscan', 'supervise');

describe.skipIf(!daemontools)('under daemontools svscan: figures from /proc', () => {
  const tree = tempDir('svtui-status-svscan-');

  beforeAll(async () => {
    service(tree, 'busy', 'sleep 1000 & exec sh -c "while :; do :; done"');
    service(tree, 'idle', 'exec sleep 1000');
    service(tree, 'off', 'exec sleep 1000');
    writeFileSync(join(tree, 'off', 'down'), '');
    startProcess(tool('svscan'), [tree]); // supervise and the services share its group: stopped by pid
    await waitFor(
      () => ['busy', 'idle'].every((n) => (byName(statusJson(tree).services, n)?.pid ?? 0) > 0),
      10_000,
      200,
    );
  });

  it('state, pid and the service tree measured now; no restart record', () => {
    const { code, services } = statusJson(tree);
    expect(services.map((s) => s.service)).toEqual(['busy', 'idle', 'off']);
    const busy = byName(services, 'busy')!;
    // supervise does not setsid: the run's descendants are its tree (the sleep left behind).
    expect(busy).toMatchObject({
      state: 'up',
      resources_from: 'proc',
      children: 1,
      restarts: null,
    });
    expect(busy.cpu_percent).toBeGreaterThan(1);
    expect(busy.memory_bytes).toBeGreaterThan(0);
    expect(byName(services, 'idle')).toMatchObject({
      state: 'up',
      children: 0,
      threads: 1,
      as_wanted: true,
    });
    expect(byName(services, 'off')).toMatchObject({
      state: 'down',
      pid: null,
      cpu_percent: null,
      as_wanted: true,
    });
    expect(code).toBe(0);
  });

  it('a bad argument is one line naming it, exit 100', () => {
    const r = runCli(['status', join(tree, 'nosuch')]);
    expect(r.status).toBe(100);
    expect(r.stderr.toString()).toBe(
      `svtui status: ${join(tree, 'nosuch')}: file does not exist\n`,
    );
    expect(r.stdout.toString()).toBe('');
    const option = runCli(['status', '--xml', tree]);
    expect(option.status).toBe(100);
    expect(option.stderr.toString()).toMatch(
      /^svtui status: unknown option --xml \(usage: .*\)\n$/,
    );
  });
});
