// The state machine's runit and s6 parts without processes or sleeps: ./finish after each death
// (its arguments' inputs, the finish state in the status, timeout-finish, s6's exit 125),
// timeout-kill and down-signal after d and t, readiness, and a shutdown meeting a ./finish.
import { describe, expect, it } from 'vitest';
import { RUNIT_SETTINGS, type RunSettings } from '../../src/codec/service-files.js';
import {
  initialState,
  statusOf,
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

function words(effects: Effect[]): string[] {
  return effects.map((e) => {
    switch (e.kind) {
      case 'signal':
        return `${e.signal.slice(3)} ${e.pid}`;
      case 'writeStatus':
        return `status ${e.status.state} ${e.status.pid} ${e.status.want}`;
      case 'timer':
        return `timer ${e.at ?? '-'}`;
      case 'warn':
        return `warn ${e.text}`;
      case 'spawnFinish':
        return `finish ${e.end.kind === 'signal' ? e.end.signal : e.end.kind === 'exit' ? e.end.code : 'unstarted'} ${e.pgid}`;
      case 'ready':
        return `ready ${e.pid} ${e.how} ${e.afterMs}`;
      default:
        return e.kind;
    }
  });
}

const runit = RUNIT_SETTINGS;
const s6: RunSettings = { ...RUNIT_SETTINGS, convention: 's6', timeoutFinishMs: 5000 };
const ctl = (letter: string): ServiceEvent => ({ kind: 'control', letter });
const up = (settings: RunSettings = runit, pid = 7): Script => [
  [0, { kind: 'begin', downFile: false }],
  [0, { kind: 'settings', settings }],
  [0, { kind: 'started', pid }],
];
const exit = (code: number, pid = 7, finish = true): ServiceEvent => ({
  kind: 'exited',
  pid,
  reason: { kind: 'exit', code },
  finish,
});
const killed = (signal: string, pid = 7): ServiceEvent => ({
  kind: 'exited',
  pid,
  reason: { kind: 'signal', signal },
  finish: true,
});
const finishUp = (pid = 20): ServiceEvent => ({ kind: 'finishStarted', pid });
const finishDone = (code = 0): ServiceEvent => ({
  kind: 'finishExited',
  reason: { kind: 'exit', code },
});

const table: { name: string; script: Script; effects: string[]; phase?: string }[] = [
  {
    name: 'a death with ./finish runs it, told the exit and the process group',
    script: [...up(), [2000, exit(3)]],
    effects: ['finish 3 7', 'status finish 0 up', 'writeHistory'],
    phase: 'finishing',
  },
  {
    name: 'without ./finish the service restarts as before',
    script: [...up(), [2000, exit(3, 7, false)]],
    effects: ['spawn', 'status down 0 up', 'writeHistory'],
    phase: 'starting',
  },
  {
    name: "./finish's pid is in the status; runit's finish gets a minute",
    script: [...up(), [2000, exit(3)], [2001, finishUp()]],
    effects: ['status finish 20 up', 'timer 62001'],
    phase: 'finishing',
  },
  {
    name: "s6's timeout-finish (default 5 s) bounds ./finish",
    script: [...up(s6), [2000, exit(3)], [2001, finishUp()]],
    effects: ['status finish 20 up', 'timer 7001'],
  },
  {
    name: 'timeout-finish 0: no limit',
    script: [...up({ ...s6, timeoutFinishMs: 0 }), [2000, exit(3)], [2001, finishUp()]],
    effects: ['status finish 20 up'],
  },
  {
    name: 'the limit reached: ./finish is killed, and it is said',
    script: [...up(s6), [2000, exit(3)], [2001, finishUp()], [7001, { kind: 'timer' }]],
    effects: ['KILL 20', 'warn finish ran out of time: sent KILL', 'timer -'],
  },
  {
    name: 'after ./finish the service starts again',
    script: [...up(), [2000, exit(3)], [2001, finishUp()], [2300, finishDone()]],
    effects: ['spawn', 'status down 0 up', 'timer -'],
    phase: 'starting',
  },
  {
    name: 'a quick death and ./finish still wait for the second between starts',
    script: [...up(), [100, exit(1)], [101, finishUp()], [300, finishDone()]],
    effects: ['status down 0 up', 'timer 1000'],
    phase: 'down',
  },
  {
    name: 's6: ./finish exiting 125 means do not restart (want down, as s6-svc -O)',
    script: [...up(s6), [2000, exit(3)], [2001, finishUp()], [2100, finishDone(125)]],
    effects: ['status down 0 down', 'timer -'],
    phase: 'down',
  },
  {
    name: 'runit: exit 125 from ./finish is just an exit',
    script: [...up(), [2000, exit(3)], [2001, finishUp()], [2100, finishDone(125)]],
    effects: ['spawn', 'status down 0 up', 'timer -'],
    phase: 'starting',
  },
  {
    name: 'killed by a signal: ./finish is told the signal',
    script: [...up(), [2000, killed('KILL')]],
    effects: ['finish KILL 7', 'status finish 0 up', 'writeHistory'],
  },
  {
    name: 'runit: ./run could not start: ./finish runs (111 0)',
    script: [
      [0, { kind: 'begin', downFile: false }],
      [0, { kind: 'settings', settings: runit }],
      [0, { kind: 'startFailed', reason: 'unable to start run: access denied', finish: true }],
    ],
    effects: [
      'finish unstarted 0',
      'status finish 0 up',
      'writeHistory',
      'warn unable to start run: access denied',
    ],
    phase: 'finishing',
  },
  {
    name: 's6: ./run could not start: no ./finish, a later start',
    script: [
      [0, { kind: 'begin', downFile: false }],
      [0, { kind: 'settings', settings: s6 }],
      [0, { kind: 'startFailed', reason: 'unable to start run: access denied', finish: true }],
    ],
    effects: ['writeHistory', 'warn unable to start run: access denied', 'timer 1000'],
    phase: 'down',
  },
  {
    name: './finish that cannot start is said once and counts as ended',
    script: [
      ...up(),
      [2000, exit(3)],
      [2000, { kind: 'finishExited', problem: 'unable to start finish: access denied' }],
    ],
    effects: ['spawn', 'status down 0 up', 'warn unable to start finish: access denied'],
    phase: 'starting',
  },
  {
    name: 'd while ./finish runs: its signals reach ./finish, and no restart follows',
    script: [...up(), [2000, exit(3)], [2001, finishUp()], [2050, ctl('d')]],
    effects: ['status finish 20 down', 'TERM 20', 'CONT 20'],
  },
  {
    name: 'd while ./finish runs: ./finish gets TERM, not the down-signal meant for the daemon',
    script: [
      ...up({ ...s6, downSignal: 'SIGHUP' }),
      [2000, exit(3)],
      [2001, finishUp()],
      [2050, ctl('d')],
    ],
    effects: ['status finish 20 down', 'TERM 20', 'CONT 20'],
  },
  {
    name: 'timeout-kill: a run that starts while down is wanted gets it too',
    script: [
      [0, { kind: 'begin', downFile: false }],
      [0, { kind: 'settings', settings: { ...s6, timeoutKillMs: 300 } }],
      [10, ctl('d')],
      [20, { kind: 'started', pid: 7 }],
    ],
    effects: ['status run 7 down', 'writeHistory', 'TERM 7', 'CONT 7', 'timer 320'],
  },
  {
    name: 'k while ./finish runs kills ./finish',
    script: [...up(), [2000, exit(3)], [2001, finishUp()], [2050, ctl('k')]],
    effects: ['KILL 20'],
  },
  {
    name: 'after d and ./finish it stays down',
    script: [...up(), [2000, exit(3)], [2001, finishUp()], [2050, ctl('d')], [2060, finishDone()]],
    effects: ['status down 0 down', 'timer -'],
    phase: 'down',
  },
  {
    name: 'x waits for ./finish, then supervision ends',
    script: [...up(), [500, ctl('x')], [2000, exit(0)], [2001, finishUp()], [2060, finishDone()]],
    effects: ['status down 0 up', 'finished', 'timer -'],
    phase: 'gone',
  },
  {
    name: 'down-signal takes TERM’s place on d',
    script: [...up({ ...runit, downSignal: 'SIGHUP' }), [500, ctl('d')]],
    effects: ['status run 7 down', 'HUP 7', 'CONT 7'],
  },
  {
    name: 'timeout-kill: d arms a KILL',
    script: [...up({ ...s6, timeoutKillMs: 300 }), [500, ctl('d')]],
    effects: ['status run 7 down', 'TERM 7', 'CONT 7', 'timer 800'],
  },
  {
    name: 'timeout-kill: the KILL comes if it still runs',
    script: [...up({ ...s6, timeoutKillMs: 300 }), [500, ctl('d')], [800, { kind: 'timer' }]],
    effects: ['KILL 7', 'timer -'],
  },
  {
    name: 'timeout-kill: t arms it too (a restart that TERM cannot end)',
    script: [...up({ ...s6, timeoutKillMs: 300 }), [500, ctl('t')]],
    effects: ['status run 7 up', 'TERM 7', 'timer 800'],
  },
  {
    name: 'timeout-kill: a death in time disarms it',
    script: [...up({ ...s6, timeoutKillMs: 300 }), [500, ctl('d')], [600, killed('TERM')]],
    effects: ['finish TERM 7', 'status finish 0 down', 'writeHistory', 'timer -'],
  },
  {
    name: 'without timeout-kill, d arms nothing',
    script: [...up(), [500, ctl('d')]],
    effects: ['status run 7 down', 'TERM 7', 'CONT 7'],
  },
  {
    name: 'shutdown: the down-signal, KILL at timeout-kill when it is sooner than the grace',
    script: [
      ...up({ ...s6, downSignal: 'SIGINT', timeoutKillMs: 1000 }),
      [500, { kind: 'shutdown', graceMs: 5000 }],
    ],
    effects: ['status run 7 down', 'INT 7', 'CONT 7', 'timer 1500'],
  },
  {
    name: 'shutdown while ./finish runs: it gets the grace, no more',
    script: [
      ...up(),
      [2000, exit(3)],
      [2001, finishUp()],
      [3000, { kind: 'shutdown', graceMs: 500 }],
    ],
    effects: ['status finish 20 down', 'timer 3500'],
  },
  {
    name: 'shutdown: ./finish still runs after the death, bounded by the grace',
    script: [
      ...up(),
      [500, { kind: 'shutdown', graceMs: 800 }],
      [600, killed('TERM')],
      [601, finishUp()],
    ],
    effects: ['status finish 20 down', 'timer 1401'],
  },
  {
    name: 'shutdown: supervision ends once ./finish has',
    script: [
      ...up(),
      [500, { kind: 'shutdown', graceMs: 800 }],
      [600, killed('TERM')],
      [601, finishUp()],
      [700, finishDone()],
    ],
    effects: ['status down 0 down', 'finished', 'timer -'],
    phase: 'gone',
  },
  {
    name: 'ready: said once, with the time since the start',
    script: [...up(), [1250, { kind: 'ready', pid: 7, how: './check' }]],
    effects: ['ready 7 ./check 1250'],
  },
  {
    name: 'ready twice: the second is nothing',
    script: [
      ...up(),
      [1250, { kind: 'ready', pid: 7, how: './check' }],
      [1300, { kind: 'ready', pid: 7, how: 'notification-fd 3' }],
    ],
    effects: [],
  },
  {
    name: 'ready from a run that is gone is nothing',
    script: [...up(), [1250, { kind: 'ready', pid: 6, how: './check' }]],
    effects: [],
  },
];

describe('transition: finish, timeout-kill, down-signal, readiness', () => {
  for (const row of table) {
    it(row.name, () => {
      const { state, effects } = run(row.script);
      expect(words(effects)).toEqual(row.effects);
      if (row.phase) expect(state.phase).toBe(row.phase);
    });
  }

  it("while ./finish runs the status keeps ./run's start time, as runsv's; it moves when ./finish ends", () => {
    const during = run([...up(), [2000, exit(3)], [2001, finishUp()]]).state;
    expect(statusOf(during)).toMatchObject({ state: 'finish', pid: 20, gotTerm: false });
    expect(during.since).toBe(0);
    expect(during.pid).toBe(0);
    const after = run([...up(), [2000, exit(3)], [2001, finishUp()], [2500, finishDone()]]).state;
    expect(after.since).toBe(2500);
  });

  it('a new start forgets the readiness of the last run', () => {
    const { state } = run([
      ...up(),
      [100, { kind: 'ready', pid: 7, how: './check' }],
      [2000, exit(0, 7, false)],
      [2000, { kind: 'started', pid: 8 }],
    ]);
    expect(state.readyAt).toBeUndefined();
    expect(run([...up(), [100, { kind: 'ready', pid: 7, how: './check' }]]).state.readyAt).toBe(
      100,
    );
  });
});
