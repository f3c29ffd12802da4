// One rule's evaluation, cycle by cycle, with no clock and no processes: observations and times
// in, states and actions out.
import { describe, expect, it } from 'vitest';
import {
  carryOver,
  due,
  initialState,
  parseMonitor,
  step,
  type Action,
  type Cycle,
  type Observation,
  type Rule,
  type RuleState,
} from '../../src/monitor/index.js';

const rule = (line: string): Rule => {
  const parsed = parseMonitor(line, 'm');
  expect(parsed.errors).toEqual([]);
  return parsed.rules[0] as Rule;
};

const CYCLE = 30_000;
/** A service up since t=0, ready, no grace: cycle i is at (i + 1) × 30 s. */
const steady = (i: number): Cycle => ({
  now: (i + 1) * CYCLE,
  startedAt: 0,
  ready: true,
  graceMs: 0,
});

/** Run observations through a rule; one entry per cycle: the kinds of actions and the event. */
function run(
  r: Rule,
  observations: Observation[],
  cycles: (i: number) => Cycle = steady,
  state: RuleState = initialState(),
): { log: string[]; state: RuleState } {
  const log: string[] = [];
  observations.forEach((o, i) => {
    const s = step(r, state, o, cycles(i));
    state = s.state;
    log.push([s.event ?? '-', ...s.actions.map(show)].join(' '));
  });
  return { log, state };
}
const show = (a: Action) => (a.kind === 'exec' ? `exec:${a.command.argv[0]}` : a.kind);
const fail: Observation = { kind: 'probe', ok: false };
const ok: Observation = { kind: 'probe', ok: true };
const none: Observation = { kind: 'none' };
const v = (value: number): Observation => ({ kind: 'value', value });

describe('step', () => {
  it('no rate: the first failure acts, the first success recovers (alert by default)', () => {
    expect(run(rule('if failed port 80 then restart'), [ok, fail, fail, ok, ok]).log).toEqual([
      '-',
      'failed restart',
      '-',
      'recovered alert',
      '-',
    ]);
  });

  it('for 3 cycles: three failures in a row', () => {
    const r = rule('if cpu > 90% for 3 cycles then alert else if succeeded then exec "/bin/ok"');
    expect(run(r, [v(95), v(95), v(10), v(95), v(95), v(95), v(95), v(10)]).log).toEqual([
      '-',
      '-',
      '-',
      '-',
      '-',
      'failed alert',
      '-',
      'recovered exec:/bin/ok',
    ]);
  });

  it('2 times within 4 cycles: a sliding window', () => {
    const r = rule('if memory > 100 MB 2 times within 4 cycles then restart');
    const big = v(200 * 1024 ** 2);
    const small = v(1);
    expect(run(r, [big, small, small, small, big, small, big]).log).toEqual([
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      'failed restart',
    ]);
  });

  it('else if succeeded 2 times within 3 cycles: recovery needs its own rate', () => {
    const r = rule(
      'if failed port 80 then alert else if succeeded 2 times within 3 cycles then alert',
    );
    expect(run(r, [fail, ok, fail, ok]).log).toEqual(['failed alert', '-', '-', 'recovered alert']);
  });

  it('nothing to judge (down, probe still running): no result counted', () => {
    const r = rule('if failed port 80 for 2 cycles then restart');
    expect(run(r, [fail, none, fail]).log).toEqual(['-', '-', 'failed restart']);
  });

  it('uptime and the operators', () => {
    expect(run(rule('if uptime > 1 hours then restart'), [v(3599), v(3600), v(3601)]).log).toEqual([
      '-',
      '-',
      'failed restart',
    ]);
    expect(run(rule('if children < 2 then alert'), [v(2), v(1)]).log).toEqual([
      '-',
      'failed alert',
    ]);
    expect(run(rule('if threads != 4 then alert'), [v(4), v(5)]).log).toEqual([
      '-',
      'failed alert',
    ]);
  });

  it('exec … repeat every 2 cycles: again while the failure lasts', () => {
    const r = rule('if failed port 80 then exec "/bin/page" repeat every 2 cycles');
    expect(run(r, [fail, fail, fail, fail, fail, ok, ok]).log).toEqual([
      'failed exec:/bin/page',
      '-',
      '- exec:/bin/page',
      '-',
      '- exec:/bin/page',
      'recovered alert',
      '-',
    ]);
  });

  it('alert with a reminder every 2 cycles (monit set alert … with reminder): again while failing', () => {
    const r = rule('if failed port 80 then alert');
    const reminding = (i: number): Cycle => ({ ...steady(i), reminderCycles: 2 });
    expect(run(r, [fail, fail, fail, fail, fail, ok, ok, ok], reminding).log).toEqual([
      'failed alert',
      '-',
      '- alert',
      '-',
      '- alert',
      'recovered alert',
      '-',
      '-',
    ]);
    // Without a reminder, one alert per change of state.
    expect(run(r, [fail, fail, fail, ok]).log).toEqual([
      'failed alert',
      '-',
      '-',
      'recovered alert',
    ]);
  });

  it('a reminder repeats only alerts: a restart is not sent again', () => {
    const r = rule('if failed port 80 then restart');
    const reminding = (i: number): Cycle => ({ ...steady(i), reminderCycles: 1 });
    expect(run(r, [fail, fail, fail], reminding).log).toEqual(['failed restart', '-', '-']);
  });

  it('a restart empties the window: failures before it do not count after', () => {
    const r = rule('if failed port 80 for 3 cycles then restart');
    const restarted = (i: number): Cycle => ({
      now: (i + 1) * CYCLE,
      startedAt: i < 2 ? 0 : 65_000,
      ready: true,
      graceMs: 0,
    });
    expect(run(r, [fail, fail, fail, fail, fail], restarted).log).toEqual([
      '-',
      '-',
      '-',
      '-',
      'failed restart',
    ]);
  });

  it('after a restart the failure action is re-armed: a restart that did not help is followed by another', () => {
    const r = rule('if failed port 80 then restart');
    const starts = [0, 0, 40_000, 40_000, 100_000, 100_000];
    const cycles = (i: number): Cycle => ({
      now: (i + 1) * CYCLE,
      startedAt: starts[i] ?? 0,
      ready: true,
      graceMs: 0,
    });
    expect(run(r, [fail, fail, fail, fail, ok, ok], cycles).log).toEqual([
      'failed restart',
      '-',
      'failed restart',
      '-',
      'recovered alert',
      '-',
    ]);
  });

  it('grace after a start: no failure counted until the delay passes', () => {
    const r = rule('if failed port 80 then restart');
    const cycles = (i: number): Cycle => ({
      now: 10_000 * (i + 1),
      startedAt: 0,
      ready: false,
      graceMs: 25_000,
    });
    expect(run(r, [fail, fail, fail], cycles).log).toEqual(['-', '-', 'failed restart']);
  });

  it('grace ends as soon as the service says it is ready', () => {
    const r = rule('if failed port 80 then restart');
    const cycles = (i: number): Cycle => ({
      now: 1000 * (i + 1),
      startedAt: 0,
      ready: i >= 1,
      graceMs: 60_000,
    });
    expect(run(r, [fail, fail], cycles).log).toEqual(['-', 'failed restart']);
  });

  it('successes count during grace: a failed service that comes back up recovers', () => {
    const r = rule('if failed port 80 then restart');
    const cycles = (i: number): Cycle => ({
      now: 100_000 * (i + 1),
      startedAt: i === 0 ? 0 : 190_000,
      ready: false,
      graceMs: 30_000,
    });
    expect(run(r, [fail, ok], cycles).log).toEqual(['failed restart', 'recovered alert']);
  });

  it('3 restarts within 5 cycles: counts restarts, acts once, then counts afresh', () => {
    const r = rule('if 3 restarts within 5 cycles then unmonitor');
    const n = (count: number): Observation => ({ kind: 'restarts', count });
    expect(run(r, [n(1), n(0), n(1), n(0), n(0), n(0), n(1), n(2), n(0)]).log).toEqual([
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      'failed unmonitor',
      '-',
    ]);
  });

  it('every 3 cycles: rules run on cycles 0, 3, 6', () => {
    const every = parseMonitor('every 3 cycles', 'm').every;
    expect([0, 1, 2, 3, 4, 5, 6].map((c) => due(every, c))).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(due(undefined, 5)).toBe(true);
  });

  it('state survives a reload for the rules that did not change', () => {
    const before = parseMonitor(
      'if failed port 80 then restart\nif cpu > 5% then alert',
      'm',
    ).rules;
    const failed = run(before[0] as Rule, [fail]).state;
    const after = parseMonitor(
      '# moved\nif cpu > 9% then alert\n\nif failed port 80 then restart',
      'm',
    ).rules;
    const states = carryOver(before, [failed, initialState()], after);
    expect(states[0]).toEqual(initialState());
    expect(states[1]).toEqual(failed);
    expect(JSON.parse(JSON.stringify(states))).toEqual(states);
  });
});
