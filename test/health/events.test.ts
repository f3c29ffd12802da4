import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertEnvironment,
  decodeEvent,
  decodeEvents,
  encodeEvent,
  EventLog,
  loadState,
  monitDate,
  runCommand,
  saveState,
  STATE_FILE,
  type HealthEvent,
} from '../../src/health/index.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'svtui-events-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const EVENT: HealthEvent = {
  time: '2026-11-30T13:00:59.123Z',
  service: 'web',
  kind: 'check-failed',
  rule: { line: 3, column: 1 },
  text: 'port localhost:8080 http / failed: status 503',
  monit: 'Connection failed',
  probe: { kind: 'status', ms: 12, code: 503 },
};

describe('event codec', () => {
  it('writes keys in one order, one line, and reads them back', () => {
    const line = encodeEvent({ ...EVENT, service: 'web' });
    expect(line).toBe(
      '{"time":"2026-11-30T13:00:59.123Z","service":"web","kind":"check-failed","rule":{"line":3,"column":1},' +
        '"text":"port localhost:8080 http / failed: status 503","monit":"Connection failed",' +
        '"probe":{"kind":"status","ms":12,"code":503}}\n',
    );
    expect(decodeEvent(line)).toEqual({ event: EVENT });
  });

  it('says what is wrong with a foreign line and skips it in a file', () => {
    expect(decodeEvent('{"time":1')).toEqual({ error: 'not JSON' });
    expect(decodeEvent('{"time":"t","service":"s","text":"x","kind":"reboot"}')).toEqual({
      error: 'unknown kind reboot',
    });
    const text = encodeEvent(EVENT) + '{"torn' + '\n' + encodeEvent({ ...EVENT, kind: 'alert' });
    expect(decodeEvents(text).map((e) => e.kind)).toEqual(['check-failed', 'alert']);
  });

  it('ignores keys it does not know', () => {
    const line = JSON.stringify({ ...EVENT, future: 1 });
    expect(decodeEvent(line)).toEqual({ event: EVENT });
  });
});

describe('EventLog', () => {
  it('appends lines and rotates to .old past the size, keeping one old file', async () => {
    const log = new EventLog(dir, 1000);
    const line = encodeEvent(EVENT);
    const n = Math.ceil(2500 / line.length);
    await Promise.all(Array.from({ length: n }, (_, i) => log.append({ ...EVENT, pid: i })));
    const current = await readFile(log.path, 'utf8');
    const old = await readFile(`${log.path}.old`, 'utf8');
    expect((await stat(log.path)).size).toBeLessThanOrEqual(1000);
    expect((await stat(`${log.path}.old`)).size).toBeLessThanOrEqual(1000);
    const pids = [...decodeEvents(old), ...decodeEvents(current)].map((e) => e.pid);
    // The newest lines are all there, in order; the oldest went with the file before .old.
    expect(pids).toEqual(pids.slice().sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(pids.at(-1)).toBe(n - 1);
  });

  it('makes the file again when it is removed meanwhile, and lets it go at close', async () => {
    const own = await mkdtemp(join(dir, 'removed-'));
    const log = new EventLog(own, 10_000);
    await log.append({ ...EVENT, pid: 1 });
    await rm(log.path);
    await log.append({ ...EVENT, pid: 2 });
    expect(decodeEvents(await readFile(log.path, 'utf8')).map((e) => e.pid)).toEqual([2]);
    const held = () => openDescriptorsTo(log.path);
    expect(held()).toBe(1);
    log.close();
    expect(held()).toBe(0);
    await log.append({ ...EVENT, pid: 3 });
    expect(decodeEvents(await readFile(log.path, 'utf8')).map((e) => e.pid)).toEqual([2, 3]);
    log.close();
  });

  it('reports a failed write and goes on', async () => {
    const errors: Error[] = [];
    const log = new EventLog(join(dir, 'missing'), 1000, (e) => errors.push(e));
    await log.append(EVENT);
    expect(errors).toHaveLength(1);
  });
});

/** How many of this process's descriptors are open on `path`. */
function openDescriptorsTo(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

describe('state file', () => {
  it('saves atomically and loads back; a torn file is nothing saved', async () => {
    const saved = { version: 1 as const, rules: [], states: [], cycle: 7 };
    await saveState(dir, saved);
    expect(await loadState(dir)).toEqual(saved);
    await writeFile(join(dir, STATE_FILE), '{"version":1,"ru');
    expect(await loadState(dir)).toBeUndefined();
    expect(await loadState(join(dir, 'nowhere'))).toBeUndefined();
  });
});

describe('alert hook', () => {
  it("gives svtui's names and monit's", () => {
    const env = alertEnvironment(EVENT, {
      host: 'box',
      pid: 42,
      figures: { memory: 2048 * 1024, children: 2, cpu: 12.34 },
    });
    expect(env).toMatchObject({
      SVTUI_SERVICE: 'web',
      SVTUI_EVENT: 'check-failed',
      SVTUI_DESCRIPTION: EVENT.text,
      SVTUI_RULE: '3:1',
      MONIT_SERVICE: 'web',
      MONIT_EVENT: 'Connection failed',
      MONIT_DESCRIPTION: EVENT.text,
      MONIT_HOST: 'box',
      MONIT_DATE: 'Mon, 30 Nov 2026 13:00:59 +0000',
      MONIT_PROCESS_PID: '42',
      MONIT_PROCESS_MEMORY: '2048',
      MONIT_PROCESS_CHILDREN: '2',
      MONIT_PROCESS_CPU_PERCENT: '12.3',
    });
    expect(JSON.parse(env.SVTUI_EVENT_JSON ?? '')).toEqual(EVENT);
    expect(monitDate(new Date('2026-01-04T01:02:03Z'))).toBe('Sun, 04 Jan 2026 01:02:03 +0000');
  });

  it('runs a real hook with the event in its environment', async () => {
    const hook = join(dir, 'alert');
    const out = join(dir, 'alert.env');
    await writeFile(hook, `#!/bin/sh\nenv | grep -E '^(SVTUI|MONIT)_' | sort > ${out}\n`);
    await chmod(hook, 0o755);
    const outcome = await runCommand([hook], {
      cwd: dir,
      env: alertEnvironment(EVENT, { host: 'box' }),
    });
    expect(outcome).toEqual({ ok: true, text: 'exited 0', code: 0 });
    const lines = (await readFile(out, 'utf8')).split('\n');
    expect(lines).toContain('MONIT_EVENT=Connection failed');
    expect(lines).toContain('SVTUI_SERVICE=web');
    expect(lines).toContain('MONIT_DATE=Mon, 30 Nov 2026 13:00:59 +0000');
  });

  it('kills a hook that hangs, and says a missing one is missing', async () => {
    const hook = join(dir, 'slow');
    await writeFile(hook, '#!/bin/sh\nsleep 30\n');
    await chmod(hook, 0o755);
    expect(await runCommand([hook], { cwd: dir, env: {}, timeoutMs: 300 })).toMatchObject({
      ok: false,
      text: 'timed out after 300 ms, killed',
    });
    expect(await runCommand([join(dir, 'none')], { cwd: dir, env: {} })).toEqual({
      ok: false,
      text: 'missing',
    });
  });
});
