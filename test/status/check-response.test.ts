// `svtui status` under svtui scan's supervisor shows a passing HTTP check's last result and
// response time, from the health engine's saved state; a state file written before last probes
// were kept still loads, and then the events give the response time. Every process is stopped
// by pid.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadState } from '../../src/health/index.js';
import { checksOf } from '../../src/status/checks.js';
import { gatherReports } from '../../src/status/gather.js';
import { statusJson } from '../../src/status/json.js';
import { startSupervisor } from '../../src/supervisor/index.js';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import { makeService, remember, waitUp } from '../supervisor/helpers.js';

it("shows a passing check's last result and response time", async () => {
  const server = createServer((_req, res) => res.end('fine\n'));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const tree = tempDir();
  mkdirSync(join(tree, '.svtui'));
  writeFileSync(join(tree, '.svtui', 'monitrc'), 'set daemon 1\n');
  const web = makeService(tree, 'web', { run: 'exec sleep 100' });
  writeFileSync(
    join(web, 'monitor'),
    `if failed host 127.0.0.1 port ${port} protocol http then alert\n`,
  );
  const supervisor = await startSupervisor({ dir: tree, stderr: () => {}, graceMs: 300 });
  try {
    remember(await waitUp(web));
    const target = [{ name: 'web', dir: web }];
    const report = await waitFor(async () => {
      const [r] = await gatherReports(target);
      return r?.checks[0]?.responseSeconds !== null && r?.checks[0]?.last === 'ok' ? r : undefined;
    }, 15_000);
    const doc = JSON.parse(statusJson([report!], Date.now())) as {
      services: { checks: Record<string, unknown>[] }[];
    };
    const check = doc.services[0]!.checks[0]!;
    expect(check).toMatchObject({
      check: `port 127.0.0.1:${port} http /`,
      state: 'ok',
      last: 'ok',
    });
    expect(check.response_seconds).toBeGreaterThanOrEqual(0);
    expect(check.response_seconds).toBeLessThan(5);
    expect(Date.parse(String(check.responded_at))).toBeGreaterThan(Date.now() - 60_000);
  } finally {
    await supervisor.stop();
    await new Promise<void>((done) => server.close(() => done()));
  }
}, 30_000);

it('loads a state saved before last probes were kept, and falls back to the events', async () => {
  const supervise = join(tempDir(), 'supervise');
  mkdirSync(supervise);
  const rule = { kind: 'port', at: { line: 1, column: 1 } };
  const old = {
    version: 1,
    rules: [{ ...rule, host: '127.0.0.1', port: 80, http: undefined, timeoutSeconds: 5, retry: 1 }],
    states: [{ phase: 'ok', rearmed: false, window: [0], sinceAction: null, startedAt: 1 }],
    cycle: 4,
  };
  writeFileSync(join(supervise, 'svtui-monitor.json'), `${JSON.stringify(old)}\n`);
  const saved = await loadState(supervise);
  expect(saved).toMatchObject({ version: 1, cycle: 4 });
  expect(saved?.probes).toBeUndefined();
  const event = {
    time: '2026-11-30T13:00:58.002Z',
    service: 'web',
    kind: 'check-recovered' as const,
    text: 'recovered',
    rule: rule.at,
    probe: { kind: 'ok' as const, ms: 7 },
  };
  const [check] = checksOf(saved!, [event], null);
  expect(check).toMatchObject({ last: 'ok', responseSeconds: 0.007, respondedAt: event.time });
});
