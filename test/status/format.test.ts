// The pure parts of `svtui status`: the report built from an observation, the exit rule, the
// checks from a saved engine state, and the three output formats.
import { describe, expect, it } from 'vitest';
import { parseStatusArgs } from '../../src/status/args.js';
import { checksOf } from '../../src/status/checks.js';
import { checksText, formatBytes, statusHuman } from '../../src/status/human.js';
import { statusJson } from '../../src/status/json.js';
import { escapeHelp, escapeLabel, statusPrometheus } from '../../src/status/prometheus.js';
import { buildReport, type Gathered, type ServiceReport } from '../../src/status/report.js';
import type { Saved } from '../../src/health/engine.js';
import type { HealthEvent } from '../../src/health/event.js';
import type { Observation } from '../../src/source/port.js';

const NOW = Date.UTC(2026, 10, 30, 13, 0, 0);
const since = (msAgo: number) => ({
  seconds: BigInt(Math.floor((NOW - msAgo) / 1000)),
  nanoseconds: 0,
});

function observed(pid: number, fields: Partial<Observation> = {}, status = {}): Observation {
  return {
    supervised: true,
    normallyUp: true,
    status: {
      since: since(3_725_000),
      pid,
      paused: false,
      want: 'up',
      gotTerm: false,
      state: pid ? 'run' : 'down',
      ...status,
    },
    sinceMs: NOW - 3_725_000,
    ...fields,
  };
}

function report(
  name: string,
  observation: Observation,
  more: Partial<Gathered> = {},
): ServiceReport {
  return buildReport(
    {
      name,
      dir: `/srv/${name}`,
      observation,
      resources: null,
      checks: [],
      exitEvents: null,
      ...more,
    },
    NOW,
  );
}

const RESOURCES = {
  cpuPercent: 12.345,
  memoryBytes: 13_002_342,
  children: 2,
  threads: 9,
  from: 'proc' as const,
};

describe('the report and the exit rule', () => {
  it('an up service wanted up is as wanted, with its uptime and restarts from the history', () => {
    const r = report('web', observed(4412, { history: { starts: 4 } }), { resources: RESOURCES });
    expect(r).toMatchObject({
      state: 'up',
      pid: 4412,
      uptimeSeconds: 3725,
      restarts: 3,
      restartsFrom: 'history',
      asWanted: true,
    });
  });

  it('down wanted up, up wanted down, paused and unsupervised are not as wanted', () => {
    expect(report('a', observed(0)).asWanted).toBe(false);
    expect(report('a', observed(12, {}, { want: 'down' })).asWanted).toBe(false);
    expect(report('a', observed(12, {}, { paused: true }))).toMatchObject({
      state: 'paused',
      asWanted: false,
    });
    expect(report('a', { supervised: false, normallyUp: true })).toMatchObject({
      state: 'unsupervised',
      asWanted: false,
    });
    expect(report('a', observed(0, {}, { want: 'down' }))).toMatchObject({
      state: 'down',
      uptimeSeconds: null,
      seconds: 3725,
      asWanted: true,
    });
    expect(report('a', observed(12, {}, { state: 'finish' })).state).toBe('finishing');
  });

  it('a failed check makes it not as wanted; restarts come from exit events without a history', () => {
    const failed = checksOf(saved([1]), [], null);
    expect(report('a', observed(5), { checks: failed, exitEvents: 2 })).toMatchObject({
      asWanted: false,
      restarts: 2,
      restartsFrom: 'events',
    });
  });

  it('the in-process logger has no pid and no figures', () => {
    const r = report('web/log', observed(0x7fffffff), { resources: RESOURCES });
    expect(r).toMatchObject({ pid: null, inProcess: true, resources: null, state: 'up' });
  });
});

function saved(window: number[], phase: 'ok' | 'failed' = window.at(-1) ? 'failed' : 'ok'): Saved {
  return {
    version: 1,
    cycle: 3,
    rules: [
      {
        kind: 'port',
        at: { line: 1, column: 1 },
        host: 'localhost',
        port: 8080,
        http: { request: '/health' },
        timeoutSeconds: 5,
        retry: 0,
        rate: { times: 1, within: 1 },
        then: { kind: 'restart' },
        else: { action: { kind: 'alert' }, rate: { times: 1, within: 1 }, written: false },
      },
      {
        kind: 'restarts',
        at: { line: 2, column: 1 },
        count: 3,
        cycles: 5,
        then: { kind: 'unmonitor' },
      },
    ],
    states: [
      { phase, rearmed: false, window, sinceAction: null, startedAt: 1 },
      { phase: 'ok', rearmed: false, window: [0, 1], sinceAction: null, startedAt: 1 },
    ],
  };
}

describe('checks from the saved state', () => {
  const probe = (time: string, line: number, ms: number): HealthEvent => ({
    time,
    service: 'web',
    kind: 'check-failed',
    rule: { line, column: 1 },
    text: 'x',
    probe: { kind: 'status', ms, code: 503 },
  });

  it('names each rule, takes its state and the last probe time recorded for its position', () => {
    const events = [
      probe('2026-11-30T12:00:00.000Z', 1, 40),
      probe('2026-11-30T12:01:00.000Z', 1, 12),
      probe('2026-11-30T12:02:00.000Z', 3, 99),
    ];
    const [port, restarts] = checksOf(saved([0, 1]), events, NOW);
    expect(port).toEqual({
      check: 'port localhost:8080 http /health',
      kind: 'port',
      line: 1,
      column: 1,
      state: 'failed',
      last: 'failed',
      responseSeconds: 0.012,
      respondedAt: '2026-11-30T12:01:00.000Z',
      checkedAt: '2026-11-30T13:00:00.000Z',
    });
    expect(restarts).toMatchObject({
      check: '3 restarts within 5 cycles',
      state: 'ok',
      last: null,
      responseSeconds: null,
    });
  });

  it('a rule without a verdict yet is pending', () => {
    expect(checksOf(saved([]), [], null)[0]).toMatchObject({
      state: 'pending',
      last: null,
      checkedAt: null,
    });
  });
});

describe('human output', () => {
  it('one aligned line per service under a header, `-` for what is not known', () => {
    const rows = [
      report('web', observed(4412, { history: { starts: 2 } }), {
        resources: RESOURCES,
        checks: checksOf(saved([0]), [], null),
      }),
      report('web/log', observed(0, {}, { want: 'up' })),
      report('a-long-name', {
        supervised: true,
        normallyUp: true,
        problem: {
          code: 'EACCES',
          stage: 'open',
          text: 'unable to open supervise/status: access denied',
        },
      }),
    ];
    expect(statusHuman(rows)).toBe(
      [
        'SERVICE      STATE           PID  UPTIME    CPU    MEM  THREADS  CHILDREN  RESTARTS  CHECKS',
        'web          up             4412   1h02m  12.3%  12.4M        9         2         1  2 ok',
        'web/log      down, want up     -       -      -      -        -         -         -  -',
        'a-long-name  unknown           -       -      -      -        -         -         -  -  (unable to open supervise/status: access denied)',
        '',
      ].join('\n'),
    );
  });

  it('checks and sizes in words', () => {
    expect(checksText(checksOf(saved([1]), [], null))).toBe(
      'failed: port localhost:8080 http /health',
    );
    expect(formatBytes(812 * 1024)).toBe('812K');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5G');
    expect(formatBytes(500)).toBe('500B');
  });

  it('a control character in a name cannot reach the terminal', () => {
    expect(statusHuman([report('x\u001b[2Jy', observed(0, {}, { want: 'down' }))])).toContain(
      'x?[2Jy',
    );
  });
});

describe('--json, schema 1', () => {
  it('every key in one order, null where not known', () => {
    const doc = JSON.parse(
      statusJson([report('web', observed(4412), { resources: RESOURCES })], NOW),
    ) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['schema', 'time', 'as_wanted', 'services']);
    expect(doc.schema).toBe(1);
    const [service] = doc.services as Record<string, unknown>[];
    expect(service).toEqual({
      service: 'web',
      dir: '/srv/web',
      supervised: true,
      state: 'up',
      want: 'up',
      normally: 'up',
      as_wanted: true,
      pid: 4412,
      in_process: false,
      seconds: 3725,
      uptime_seconds: 3725,
      ready: null,
      cpu_percent: 12.3,
      memory_bytes: 13_002_342,
      children: 2,
      threads: 9,
      resources_from: 'proc',
      restarts: null,
      restarts_from: null,
      last_exit: null,
      problem: null,
      checks: [],
    });
  });
});

describe('--prometheus', () => {
  it('escapes label values and help text as the exposition format asks', () => {
    expect(escapeLabel('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeHelp('a\\b\nc"')).toBe('a\\\\b\\nc"');
  });

  it('each family once with HELP and TYPE, no sample for what is not known', () => {
    const text = statusPrometheus([
      report('we"b', observed(4412, { history: { starts: 1 } }), {
        resources: RESOURCES,
        checks: checksOf(
          saved([1]),
          [
            {
              time: 't',
              service: 'x',
              kind: 'alert',
              rule: { line: 1, column: 1 },
              text: '',
              probe: { kind: 'status', ms: 250 },
            },
          ],
          null,
        ),
      }),
      report('down', observed(0, {}, { want: 'down' })),
    ]);
    const lines = text.split('\n');
    expect(lines).toContain('# TYPE svtui_service_up gauge');
    expect(lines).toContain('svtui_service_up{service="we\\"b"} 1');
    expect(lines).toContain('svtui_service_up{service="down"} 0');
    expect(lines).toContain('svtui_service_cpu_percent{service="we\\"b"} 12.345');
    expect(lines).not.toContain('svtui_service_cpu_percent{service="down"} 0');
    expect(lines).toContain('# TYPE svtui_service_restarts_total counter');
    expect(lines).toContain('svtui_service_restarts_total{service="we\\"b"} 0');
    expect(lines).toContain(
      'svtui_check_up{service="we\\"b",check="port localhost:8080 http /health",line="1"} 0',
    );
    expect(lines).toContain(
      'svtui_check_response_seconds{service="we\\"b",check="port localhost:8080 http /health",line="1"} 0.25',
    );
    // A restart limit with a window has a state but no probe time.
    expect(lines).toContain(
      'svtui_check_up{service="we\\"b",check="3 restarts within 5 cycles",line="2"} 1',
    );
    for (const name of new Set(
      lines.filter((l) => l.startsWith('# TYPE')).map((l) => l.split(' ')[2]),
    )) {
      const at = lines.map((l, i) => (l.startsWith(`${name}{`) ? i : -1)).filter((i) => i >= 0);
      expect(at.at(-1)! - at[0]!).toBe(at.length - 1); // a family's samples are together
    }
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('arguments', () => {
  it('one format, options before operands, -- ends them', () => {
    expect(parseStatusArgs(['--json', 'a', 'b'])).toEqual({
      ok: true,
      format: 'json',
      operands: ['a', 'b'],
    });
    expect(parseStatusArgs(['--', '--json'])).toEqual({
      ok: true,
      format: 'human',
      operands: ['--json'],
    });
    expect(parseStatusArgs(['--json', '--prometheus'])).toEqual({
      ok: false,
      error: '--json and --prometheus: one format only',
    });
    expect(parseStatusArgs(['-x'])).toEqual({ ok: false, error: 'unknown option -x' });
  });
});
