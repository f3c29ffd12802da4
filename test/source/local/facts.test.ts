// Health and resources through the local source's port, from real files and real processes: the
// health engine's state file and events (ok, failing 2/3, not ready, unmonitored, no rules, rules
// nobody runs, the newest alert), and CPU/memory from the supervisor's history when it describes
// the running pid, else from /proc, read by the console itself.
import { utimesSync, writeFileSync, rmSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEvent, type HealthEvent } from '../../../src/health/event.js';
import { saveState } from '../../../src/health/state-file.js';
import { initialState, parseMonitor, type RuleState } from '../../../src/monitor/index.js';
import { ResourceHistoryWriter } from '../../../src/resources/history-file.js';
import { LocalSource, localId } from '../../../src/source/local/index.js';
import type { HealthFacts, ResourceSample, TreeChange } from '../../../src/source/port.js';
import { fakeService, statusBytes } from '../../control/fake-service.js';
import { startProcess, stopProcess, waitFor } from '../../support/processes.js';
import { tempDir } from '../../support/tools.js';

let root: string;
let source: LocalSource | undefined;
afterEach(async () => {
  await source?.close();
  source = undefined;
  rmSync(root, { recursive: true, force: true });
});

const RULES = [
  'if failed port 1 then alert',
  'if cpu > 90% for 3 cycles then alert',
  'if failed program "./check" then restart',
].join('\n');

function state(phase: RuleState['phase'], window: number[]): RuleState {
  return { ...initialState(), phase, window };
}

async function monitored(name: string, states: RuleState[], events: Partial<HealthEvent>[] = []) {
  const service = fakeService(root, name, { status: statusBytes({ pid: 0 }) });
  writeFileSync(join(service.dir, 'monitor'), `${RULES}\n`);
  const rules = parseMonitor(RULES, `${name}/monitor`).rules;
  await saveState(join(service.dir, 'supervise'), { version: 1, rules, states, cycle: 4 });
  const lines = events.map((e) =>
    encodeEvent({ time: '2026-11-23T12:00:00.000Z', service: name, kind: 'start', text: '', ...e }),
  );
  if (lines.length) writeFileSync(join(service.dir, 'supervise/svtui-events'), lines.join(''));
  return service.dir;
}

function collect(into: TreeChange[]) {
  return (change: TreeChange) => into.push(change);
}

function healthOf(changes: TreeChange[], name: string): HealthFacts | undefined {
  const found = changes.filter(
    (c): c is Extract<TreeChange, { kind: 'health' }> => c.kind === 'health' && c.id === name,
  );
  return found.at(-1)?.health;
}

describe('health through the port', () => {
  it('words every state of the rules, with a code beside the words', async () => {
    root = tempDir('svtui-facts-');
    const ok = [state('ok', [0]), state('ok', [0, 0]), state('ok', [0])];
    await monitored('a-ok', ok);
    await monitored('b-failing', [state('failed', [1]), state('failed', [1, 1]), state('ok', [0])]);
    await monitored('c-grace', [state('ok', []), state('ok', []), state('ok', [])]);
    await monitored('d-unmonitored', ok, [
      { kind: 'rules-loaded', time: '2026-11-23T11:00:00.000Z', text: '3 rules' },
      { kind: 'action', action: 'unmonitor', text: 'unmonitor: cpu 95% > 90%' },
    ]);
    await monitored('e-alerted', ok, [
      { kind: 'alert', time: '2026-11-23T12:01:02.000Z', text: 'port 1: connection refused' },
      { kind: 'check-recovered', text: 'port 1 succeeded' },
    ]);
    fakeService(root, 'f-norules', { status: statusBytes({ pid: 0 }) });
    const stale = await monitored('g-stale', ok);
    const old = Date.now() / 1000 - 3600;
    utimesSync(join(stale, 'supervise/svtui-monitor.json'), old, old);
    const changes: TreeChange[] = [];
    source = new LocalSource(root, { explicit: false });
    source.watch(collect(changes));
    await waitFor(() => healthOf(changes, 'g-stale'), 3000);
    const word = (name: string) => {
      const h = healthOf(changes, name);
      return h && `${h.code}: ${h.text}`;
    };
    expect(word('a-ok')).toBe('ok: ok');
    expect(word('b-failing')).toBe('failing: failing 2/3');
    expect(word('c-grace')).toBe('not-ready: not ready');
    expect(word('d-unmonitored')).toBe('unmonitored: unmonitored');
    expect(word('e-alerted')).toBe('ok: ok');
    expect(word('f-norules')).toBe('no-rules: no rules');
    expect(word('g-stale')).toBe('not-run: not run');
    expect(healthOf(changes, 'e-alerted')?.lastAlert).toEqual({
      atMs: Date.UTC(2026, 10, 23, 12, 1, 2),
      service: 'e-alerted',
      text: 'port 1: connection refused',
    });
    expect(healthOf(changes, 'b-failing')?.checks.map((c) => c.state)).toEqual([
      'failed',
      'failed',
      'ok',
    ]);
  });

  it('hears a new alert appended to the events, without re-reading what it read', async () => {
    root = tempDir('svtui-facts-');
    const dir = await monitored(
      'web',
      [state('ok', [0]), state('ok', [0]), state('ok', [0])],
      [{ kind: 'start', text: 'started' }],
    );
    const changes: TreeChange[] = [];
    source = new LocalSource(root, { explicit: false });
    source.watch(collect(changes));
    await waitFor(() => healthOf(changes, 'web'), 3000);
    expect(healthOf(changes, 'web')?.lastAlert).toBeUndefined();
    appendFileSync(
      join(dir, 'supervise/svtui-events'),
      encodeEvent({
        time: '2026-11-23T12:05:00.000Z',
        service: 'web',
        kind: 'alert',
        text: 'cpu 95% > 90% for 3 cycles',
      }),
    );
    source.refresh('web');
    await waitFor(() => healthOf(changes, 'web')?.lastAlert, 3000);
    expect(healthOf(changes, 'web')?.lastAlert?.text).toBe('cpu 95% > 90% for 3 cycles');
  });
});

function samples(changes: TreeChange[]): ResourceSample[] {
  return changes.flatMap((c) => (c.kind === 'resources' ? c.samples : []));
}

describe('resources through the port', () => {
  it('from /proc where no history is kept, from the history where it describes the pid', async () => {
    root = tempDir('svtui-facts-');
    const sleeper = startProcess('sleep', ['60']);
    const recorded = startProcess('sleep', ['60']);
    fakeService(root, 'plain', { status: statusBytes({ pid: sleeper.pid! }), ok: 'held' });
    const kept = fakeService(root, 'kept', {
      status: statusBytes({ pid: recorded.pid! }),
      ok: 'held',
    });
    fakeService(root, 'stopped', { status: statusBytes({ pid: 0 }), ok: 'held' });
    const writer = new ResourceHistoryWriter(join(kept.dir, 'supervise/svtui-resources'));
    writer.append({
      time: Math.floor(Date.now() / 1000),
      pid: recorded.pid!,
      cpuPermille: 123,
      rssKB: 4567,
      children: 2,
      threads: 5,
      restarts: 0,
      checksRun: 0,
      checksFailed: 0,
    });
    writer.close();
    const changes: TreeChange[] = [];
    source = new LocalSource(root, { explicit: false, usage: { everyMs: 100 } });
    source.watch(collect(changes));
    await waitFor(
      () => samples(changes).some((s) => s.id === 'plain' && s.resources?.cpuPercent !== undefined),
      5000,
    );
    const last = (name: string) =>
      samples(changes)
        .filter((s) => s.id === name)
        .at(-1);
    expect(last('kept')?.resources).toEqual({
      pid: recorded.pid,
      cpuPercent: 12.3,
      rssKB: 4567,
      processes: 3,
      threads: 5,
      from: 'history',
    });
    expect(last('plain')?.resources).toMatchObject({
      pid: sleeper.pid,
      from: 'proc',
      processes: 1,
    });
    expect(last('plain')?.resources?.rssKB).toBeGreaterThan(100);
    expect(last('stopped')).toEqual({ id: 'stopped' }); // down: listed, without figures
    expect(localId('plain')).toBe('plain');
    await stopProcess(sleeper);
    await stopProcess(recorded);
  });
});

describe('resource sweeps share the work', () => {
  it('on-screen services every tick, the rest a tenth per tick, all of them when asked', async () => {
    root = tempDir('svtui-facts-');
    const sleeper = startProcess('sleep', ['60']);
    for (let i = 0; i < 20; i++)
      fakeService(root, `s${String(i).padStart(2, '0')}`, {
        status: statusBytes({ pid: sleeper.pid! }),
        ok: 'held',
      });
    const changes: TreeChange[] = [];
    source = new LocalSource(root, { explicit: false, usage: { everyMs: 60_000 } });
    source.watch(collect(changes));
    source.setInterest([localId('s07')]);
    await waitFor(() => changes.some((c) => c.kind === 'resources'), 3000);
    const looked = () => {
      const sweeps = changes.filter(
        (c): c is Extract<TreeChange, { kind: 'resources' }> => c.kind === 'resources',
      );
      return (sweeps.at(-1)?.samples ?? []).map((s) => s.id).sort();
    };
    // The first tick: s07 (on screen) and a slice of two.
    expect(looked()).toEqual(['s00', 's01', 's07']);
    source.setInterest([localId('s07')], { allFigures: true });
    await source.close();
    await stopProcess(sleeper);
  });
});
