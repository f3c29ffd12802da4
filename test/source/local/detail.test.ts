// The service view's facts through the local source's port, from real files: the fine ring of the
// resource history as points (the past hour only, down samples marked), the events (read again
// when the file grows), the rules in force with their action, rate, last result and response time,
// a broken monitor file named by file:line:column, and a service without any of them.
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEvent, type HealthEvent } from '../../../src/health/event.js';
import { saveState } from '../../../src/health/state-file.js';
import { initialState, parseMonitor } from '../../../src/monitor/index.js';
import { ResourceHistoryWriter } from '../../../src/resources/history-file.js';
import { LocalSource, localId } from '../../../src/source/local/index.js';
import type { ServiceDetail } from '../../../src/source/port.js';
import { rateWords, sizeWords } from '../../../src/source/local/detail-facts.js';
import { tempDir } from '../../support/tools.js';

let root: string;
let source: LocalSource | undefined;
afterEach(async () => {
  await source?.close();
  source = undefined;
  rmSync(root, { recursive: true, force: true });
});

const NOW_S = 1_800_000_000;
const RULES = 'if failed port 1 then alert\nif cpu > 90% for 3 cycles then restart\n';

function service(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'supervise'), { recursive: true });
  writeFileSync(join(dir, 'run'), '#!/bin/sh\nexec sleep 1\n');
  return dir;
}

function event(over: Partial<HealthEvent>): string {
  return encodeEvent({
    time: new Date(NOW_S * 1000).toISOString(),
    service: 'web',
    kind: 'start',
    text: 'started',
    ...over,
  });
}

async function detailOf(name: string): Promise<ServiceDetail> {
  source = new LocalSource(root, { explicit: false, now: () => NOW_S * 1000 });
  const got = await source.detail(localId(name));
  if (!('history' in got)) throw new Error(got.text);
  return got;
}

describe('LocalSource.detail', () => {
  it('reads the past hour of the history, the events and the rules in force', async () => {
    root = tempDir('svtui-detail-');
    const dir = service('web');
    const writer = new ResourceHistoryWriter(join(dir, 'supervise/svtui-resources'));
    // 70 minutes at 2 s: only the newest hour is charted; the last minute down.
    for (let t = NOW_S - 4200; t <= NOW_S; t += 2) {
      const down = t > NOW_S - 60;
      writer.append({
        time: t,
        pid: down ? 0 : 42,
        ...(down ? {} : { cpuPermille: 250, rssKB: 2048 }),
        logLinesPerSecond: 3,
        restarts: 1,
        checksRun: 0,
        checksFailed: 0,
      });
    }
    writer.close();
    writeFileSync(join(dir, 'monitor'), RULES);
    const rules = parseMonitor(RULES, 'web/monitor').rules;
    await saveState(join(dir, 'supervise'), {
      version: 1,
      rules,
      states: [{ ...initialState(), phase: 'failed', window: [1] }, initialState()],
      cycle: 9,
    });
    writeFileSync(
      join(dir, 'supervise/svtui-events'),
      event({ kind: 'start', text: 'started', pid: 42 }) +
        event({
          kind: 'check-failed',
          rule: { line: 1, column: 1 },
          text: 'port 1: refused',
          probe: { kind: 'refused', ms: 3 },
        }) +
        event({ kind: 'exit', text: 'exited 3', code: 3, pid: 42 }),
    );

    const got = await detailOf('web');
    expect(got.paceSeconds).toBe(2);
    expect(got.historyFrom).toBe('supervisor');
    expect(got.history).toHaveLength(1800);
    expect(got.history[0]!.atMs).toBe((NOW_S - 3598) * 1000);
    expect(got.history[0]).toMatchObject({ cpuPercent: 25, rssKB: 2048, logLinesPerSecond: 3 });
    expect(got.history.at(-1)).toEqual({ atMs: NOW_S * 1000, down: true, logLinesPerSecond: 3 });
    expect(got.events.map((e) => e.kind)).toEqual(['start', 'check-failed', 'exit']);
    expect(got.events[2]).toMatchObject({ code: 3, pid: 42, atMs: NOW_S * 1000 });
    expect(got.rules.code).toBe('rules');
    expect(got.rules.cycleSeconds).toBe(30);
    expect(got.rules.running).toBe(false); // the state file's mtime is the real clock's, not NOW
    expect(got.rules.rules).toEqual([
      expect.objectContaining({
        check: 'port localhost:1',
        then: 'alert',
        state: 'failed',
        last: 'failed',
        responseMs: 3,
      }),
      expect.objectContaining({
        check: 'cpu > 90%',
        then: 'restart',
        rate: 'for 3 cycles',
        state: 'pending',
      }),
    ]);

    // A new event is seen at the next look.
    appendFileSync(
      join(dir, 'supervise/svtui-events'),
      event({ kind: 'exit', text: 'killed by KILL', signal: 'KILL' }),
    );
    const again = await source!.detail(localId('web'));
    expect('events' in again && again.events.at(-1)).toMatchObject({ signal: 'KILL' });
  });

  it('names a broken monitor file and lists its rules when nothing runs them', async () => {
    root = tempDir('svtui-detail-');
    const dir = service('api');
    writeFileSync(join(dir, 'monitor'), 'if failed port 1 then alert\nif cpu > lots then alert\n');
    const broken = await detailOf('api');
    expect(broken.rules.code).toBe('broken');
    expect(broken.rules.error).toMatch(/^api\/monitor:2:/);
    writeFileSync(
      join(dir, 'monitor'),
      'if 3 restarts within 5 cycles then stop\nif memory > 200 MB then restart\n',
    );
    const fine = await source!.detail(localId('api'));
    expect('rules' in fine && fine.rules.rules).toEqual([
      expect.objectContaining({
        check: '3 restarts within 5 cycles',
        then: 'stop',
        state: 'pending',
      }),
      expect.objectContaining({ check: 'memory > 200 MB', then: 'restart', resource: 'memory' }),
    ]);
  });

  it('a bare service: no history, no events, no rules; an unknown id says so', async () => {
    root = tempDir('svtui-detail-');
    service('bare');
    const got = await detailOf('bare');
    expect(got).toMatchObject({
      history: [],
      historyFrom: 'console',
      events: [],
      rules: { code: 'none', rules: [] },
    });
    expect(await source!.detail(localId('nope'))).toMatchObject({ code: 'unknown-service' });
  });

  it('words rates as monit writes them', () => {
    expect(rateWords(1, 1)).toBeUndefined();
    expect(rateWords(3, 3)).toBe('for 3 cycles');
    expect(rateWords(2, 5)).toBe('2 times within 5 cycles');
  });

  it('words sizes in the largest unit that keeps a whole number', () => {
    expect(sizeWords(200 * 1024 * 1024)).toBe('200 MB');
    expect(sizeWords(1536 * 1024)).toBe('1536 KB');
    expect(sizeWords(2 * 1024 ** 3)).toBe('2 GB');
    expect(sizeWords(1000)).toBe('1000 B');
  });
});
