// The state machine without processes or sleeps: each row is a script of (time, event) and the
// effects expected from the last event, plus a few facts about the final state.
import { describe, expect, it } from 'vitest';
import {
  initialState,
  transition,
  type Effect,
  type ServiceEvent,
  type ServiceState,
} from '../../src/core/service.js';

type Script = [number, ServiceEvent][];

function run(script: Script, state: ServiceState = initialState(0)) {
  let effects: Effect[] = [];
  for (const [now, event] of script) ({ state, effects } = transition(state, event, now));
  return { state, effects };
}

/** The effects reduced to short words, so a table row stays on one line. */
function words(effects: Effect[]): string[] {
  return effects.map((e) => {
    switch (e.kind) {
      case 'signal':
        return `${e.signal.slice(3)} ${e.pid}`;
      case 'writeStatus':
        return `status ${e.status.state} ${e.status.pid} ${e.status.want}${e.status.paused ? ' paused' : ''}`;
      case 'timer':
        return `timer ${e.at ?? '-'}`;
      case 'warn':
        return `warn ${e.text}`;
      default:
        return e.kind;
    }
  });
}

const begin: ServiceEvent = { kind: 'begin', downFile: false };
const up = (pid = 7): Script => [
  [0, begin],
  [0, { kind: 'started', pid }],
];
const ctl = (letter: string): ServiceEvent => ({ kind: 'control', letter });
const died = (pid = 7, code = 0): ServiceEvent => ({
  kind: 'exited',
  pid,
  reason: { kind: 'exit', code },
});

const table: { name: string; script: Script; effects: string[]; phase?: string }[] = [
  { name: 'begin starts at once', script: [[0, begin]], effects: ['spawn', 'status down 0 up'] },
  {
    name: 'a down file keeps it down',
    script: [[0, { kind: 'begin', downFile: true }]],
    effects: ['status down 0 down'],
    phase: 'down',
  },
  {
    name: 'started records the pid',
    script: up(),
    effects: ['status run 7 up', 'writeHistory'],
    phase: 'up',
  },
  {
    name: 'a run that lasted over a second restarts at once',
    script: [...up(), [1500, died()]],
    effects: ['spawn', 'status down 0 up', 'writeHistory'],
    phase: 'starting',
  },
  {
    name: 'a quick death waits for the second to pass',
    script: [...up(), [200, died()]],
    effects: ['status down 0 up', 'writeHistory', 'timer 1000'],
    phase: 'down',
  },
  {
    name: 'the deadline starts it',
    script: [...up(), [200, died()], [1000, { kind: 'timer' }]],
    effects: ['spawn', 'timer -'],
    phase: 'starting',
  },
  {
    name: 'a death of another pid is ignored',
    script: [...up(), [500, died(8)]],
    effects: [],
    phase: 'up',
  },
  {
    name: 'd sends TERM then CONT and wants down',
    script: [...up(), [500, ctl('d')]],
    effects: ['status run 7 down', 'TERM 7', 'CONT 7'],
  },
  {
    name: 'after d a death is not restarted',
    script: [...up(), [500, ctl('d')], [600, died()]],
    effects: ['status down 0 down', 'writeHistory'],
    phase: 'down',
  },
  {
    name: 'u starts a down service',
    script: [
      [0, { kind: 'begin', downFile: true }],
      [5, ctl('u')],
    ],
    effects: ['spawn', 'status down 0 up'],
  },
  {
    name: 'u during the throttle waits for the second',
    script: [...up(), [10, ctl('d')], [20, died()], [30, ctl('u')]],
    effects: ['status down 0 up', 'timer 1000'],
  },
  {
    name: 'd cancels a pending start',
    script: [...up(), [20, died()], [30, ctl('d')]],
    effects: ['status down 0 down', 'timer -'],
  },
  {
    name: 'o starts once and does not restart',
    script: [
      [0, { kind: 'begin', downFile: true }],
      [0, ctl('o')],
      [0, { kind: 'started', pid: 9 }],
      [2000, died(9)],
    ],
    effects: ['status down 0 down', 'writeHistory'],
    phase: 'down',
  },
  {
    // runsv's byte: `sv -v once` waits for want down while it runs and times out on daemontools' 0.
    name: 'o is stored as want down, as runsv stores it',
    script: [
      [0, begin],
      [0, { kind: 'started', pid: 9 }],
      [5, ctl('o')],
    ],
    effects: ['status run 9 down'],
  },
  {
    name: 'p stops and marks paused',
    script: [...up(), [5, ctl('p')]],
    effects: ['status run 7 up paused', 'STOP 7'],
  },
  {
    name: 'c continues',
    script: [...up(), [5, ctl('p')], [6, ctl('c')]],
    effects: ['status run 7 up', 'CONT 7'],
  },
  { name: 'h', script: [...up(), [5, ctl('h')]], effects: ['HUP 7'] },
  { name: 'a', script: [...up(), [5, ctl('a')]], effects: ['ALRM 7'] },
  { name: 'i', script: [...up(), [5, ctl('i')]], effects: ['INT 7'] },
  { name: 'k', script: [...up(), [5, ctl('k')]], effects: ['KILL 7'] },
  // runsv's letters, for `sv quit`, `sv 1`, `sv 2` (svc cannot send them).
  { name: 'q', script: [...up(), [5, ctl('q')]], effects: ['QUIT 7'] },
  { name: '1', script: [...up(), [5, ctl('1')]], effects: ['USR1 7'] },
  { name: '2', script: [...up(), [5, ctl('2')]], effects: ['USR2 7'] },
  { name: 't', script: [...up(), [5, ctl('t')]], effects: ['status run 7 up', 'TERM 7'] },
  {
    name: 'signals to a down service do nothing',
    script: [
      [0, { kind: 'begin', downFile: true }],
      [5, ctl('k')],
    ],
    effects: [],
  },
  { name: 'an unknown byte is ignored', script: [...up(), [5, ctl('z')]], effects: [] },
  {
    name: 'x on a down service ends supervision',
    script: [
      [0, { kind: 'begin', downFile: true }],
      [5, ctl('x')],
    ],
    effects: ['status down 0 down', 'finished'],
    phase: 'gone',
  },
  {
    name: 'x on an up service sends nothing',
    script: [...up(), [5, ctl('x')]],
    effects: ['status run 7 up'],
    phase: 'up',
  },
  {
    name: 'x then a death ends supervision without restart',
    script: [...up(), [5, ctl('x')], [3000, died()]],
    effects: ['status down 0 up', 'writeHistory', 'finished'],
    phase: 'gone',
  },
  {
    name: 'a gone service ignores everything',
    script: [
      [0, { kind: 'begin', downFile: true }],
      [5, ctl('x')],
      [6, ctl('u')],
    ],
    effects: [],
    phase: 'gone',
  },
  {
    name: 'shutdown sends TERM, CONT and sets the KILL deadline',
    script: [...up(), [100, { kind: 'shutdown', graceMs: 5000 }]],
    effects: ['status run 7 down', 'TERM 7', 'CONT 7', 'timer 5100'],
  },
  {
    name: 'the deadline kills a process that ignored TERM',
    script: [...up(), [100, { kind: 'shutdown', graceMs: 5000 }], [5100, { kind: 'timer' }]],
    effects: ['KILL 7', 'timer -'],
  },
  {
    name: 'after shutdown a death finishes',
    script: [...up(), [100, { kind: 'shutdown', graceMs: 5000 }], [200, died()]],
    effects: ['status down 0 down', 'writeHistory', 'finished', 'timer -'],
    phase: 'gone',
  },
  {
    name: 'shutdown of a down service finishes at once',
    script: [
      [0, { kind: 'begin', downFile: true }],
      [1, { kind: 'shutdown', graceMs: 5000 }],
    ],
    effects: ['status down 0 down', 'finished'],
    phase: 'gone',
  },
  {
    name: 'drain waits for the logger to finish by itself',
    script: [...up(), [100, { kind: 'drain', graceMs: 2000 }], [300, died()]],
    effects: ['status down 0 down', 'writeHistory', 'finished', 'timer -'],
    phase: 'gone',
  },
  {
    name: 'drain sends TERM and CONT after the grace period, then KILL',
    script: [
      ...up(),
      [100, { kind: 'drain', graceMs: 2000 }],
      [2100, { kind: 'timer' }],
      [4100, { kind: 'timer' }],
    ],
    effects: ['KILL 7', 'timer -'],
  },
  {
    name: 'drain: TERM at the first deadline',
    script: [...up(), [100, { kind: 'drain', graceMs: 2000 }], [2100, { kind: 'timer' }]],
    effects: ['status run 7 down', 'TERM 7', 'CONT 7', 'timer 4100'],
  },
  {
    name: 'a failed start warns and retries a second later',
    script: [
      [0, begin],
      [0, { kind: 'startFailed', reason: 'file does not exist' }],
    ],
    effects: ['writeHistory', 'warn file does not exist', 'timer 1000'],
    phase: 'down',
  },
  {
    name: 'the same failure again does not warn again',
    script: [
      [0, begin],
      [0, { kind: 'startFailed', reason: 'file does not exist' }],
      [1000, { kind: 'timer' }],
      [1000, { kind: 'startFailed', reason: 'file does not exist' }],
    ],
    effects: ['timer 2000'],
  },
  {
    name: 'a different failure warns',
    script: [
      [0, begin],
      [0, { kind: 'startFailed', reason: 'file does not exist' }],
      [1000, { kind: 'timer' }],
      [1000, { kind: 'startFailed', reason: 'access denied' }],
    ],
    effects: ['writeHistory', 'warn access denied', 'timer 2000'],
  },
];

describe('service state machine', () => {
  for (const row of table) {
    it(row.name, () => {
      const { state, effects } = run(row.script);
      expect(words(effects)).toEqual(row.effects);
      if (row.phase) expect(state.phase).toBe(row.phase);
    });
  }

  it('counts starts and keeps the last exit in the history', () => {
    const { state } = run([...up(), [1500, died(7, 3)], [1500, { kind: 'started', pid: 8 }]]);
    expect(state.history.starts).toBe(2);
    expect(state.history.lastExit).toEqual({ kind: 'exit', code: 3 });
    expect(state.history.recentStarts).toHaveLength(2);
    expect(state.history.recentExits).toHaveLength(1);
  });

  it('a successful start clears the problem', () => {
    const { state } = run([
      [0, begin],
      [0, { kind: 'startFailed', reason: 'access denied' }],
      [1000, { kind: 'timer' }],
      [1000, { kind: 'started', pid: 4 }],
    ]);
    expect(state.problem).toBeUndefined();
    expect(state.history.problem).toBeUndefined();
  });

  it('status carries the time of the last pid change', () => {
    const { effects } = run([...up(), [1500, ctl('d')], [2500, died()]]);
    const status = effects.find((e) => e.kind === 'writeStatus');
    expect(status?.kind === 'writeStatus' && status.status.since).toEqual({
      seconds: 2n,
      nanoseconds: 500_000_000,
    });
  });
});
