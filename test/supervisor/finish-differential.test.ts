// ./finish, timeout-kill and s6's finish exit 125, side by side with the real runsv and
// s6-supervise: each case is one service directory, copied for each supervisor, started once
// (`o`, from a `down` file), then ended the case's way; ./finish writes the arguments it got.
// svtui is the supervisor library `svtui scan` runs, in this process; runsv and s6-supervise run
// in their own process groups and are stopped by pid.
import type { ChildProcess } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackStatus } from '../../src/codec/status.js';
import { startSupervisor, type Supervisor } from '../../src/supervisor/index.js';
import { startProcess, stopProcess, waitFor } from '../support/processes.js';
import { haveTools, tempDir, tool } from '../support/tools.js';
import { alive, remember, script, sleep } from './helpers.js';

const present = haveTools('runsv', 's6-supervise');

interface Case {
  name: string;
  run: string;
  finish?: string;
  /** Files besides run, finish and down. */
  files?: Record<string, string>;
  /** What ends the run once it is up: a control letter, or nothing (it exits by itself). */
  letter?: string;
}

const RECORD = 'echo "$@" >> finish-args';
const cases: Case[] = [
  { name: 'exit3', run: 'echo $$ >> runs\nsleep 0.2\nexit 3' },
  { name: 'term', run: 'echo $$ >> runs\nexec sleep 100', letter: 'd' },
  { name: 'kill', run: 'echo $$ >> runs\nexec sleep 100', letter: 'k' },
  {
    name: 'stubborn',
    run: "echo $$ >> runs\ntrap '' TERM\nexec sleep 100",
    files: { 'timeout-kill': '300\n' },
    letter: 'd',
  },
];

/** A service directory for `c`; `s6`: with a file that makes it s6's (s6 reads it the same). */
function makeCase(root: string, c: Case, s6: boolean): string {
  const dir = join(root, c.name);
  mkdirSync(dir, { recursive: true });
  script(join(dir, 'run'), c.run);
  script(join(dir, 'finish'), c.finish ?? RECORD);
  writeFileSync(join(dir, 'down'), '');
  for (const [file, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, file), text);
  if (s6) writeFileSync(join(dir, 'timeout-finish'), '5000\n');
  return dir;
}

function send(dir: string, letters: string): void {
  const fd = openSync(join(dir, 'supervise/control'), constants.O_WRONLY | constants.O_NONBLOCK);
  try {
    writeSync(fd, letters);
  } finally {
    closeSync(fd);
  }
}

function lines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

const supervisable = (dir: string) =>
  waitFor(() => {
    try {
      send(dir, '');
      return true;
    } catch {
      return false;
    }
  });

/** Start the service once, end it the case's way; the first pid of run and finish's arguments. */
async function exercise(dir: string, c: Case): Promise<{ pid: number; args: string[] }> {
  await supervisable(dir);
  send(dir, 'o');
  const pid = Number(await waitFor(() => lines(join(dir, 'runs'))[0]));
  remember(pid);
  if (c.letter) send(dir, c.letter);
  const args = await waitFor(() => lines(join(dir, 'finish-args'))[0] ?? '', 8000);
  return { pid, args: args.split(' ') };
}

describe.skipIf(!present)('./finish against runsv and s6-supervise', () => {
  const root = tempDir('svtui-finish-');
  const started: ChildProcess[] = [];
  let svtui: Supervisor | undefined;
  const warnings: string[] = [];

  beforeAll(async () => {
    for (const c of cases) {
      makeCase(join(root, 'runit'), c, false);
      makeCase(join(root, 's6'), c, true);
      makeCase(join(root, 'svtui'), { ...c, name: `${c.name}-runit` }, false);
      makeCase(join(root, 'svtui'), { ...c, name: `${c.name}-s6` }, true);
      started.push(
        startProcess(tool('runsv'), [c.name], { cwd: join(root, 'runit'), stdio: 'ignore' }),
        startProcess(tool('s6-supervise'), [c.name], { cwd: join(root, 's6'), stdio: 'ignore' }),
      );
    }
    svtui = await startSupervisor({ dir: join(root, 'svtui'), stderr: (l) => warnings.push(l) });
  });

  afterAll(async () => {
    await svtui?.stop();
    await Promise.all(started.map((child) => stopProcess(child)));
  });

  for (const c of cases.filter((c) => !c.files)) {
    it(`${c.name}: runit's two arguments, as runsv passes them`, async () => {
      const [real, ours] = await Promise.all([
        exercise(join(root, 'runit', c.name), c),
        exercise(join(root, 'svtui', `${c.name}-runit`), c),
      ]);
      expect(ours.args).toEqual(real.args);
      expect(ours.args).toHaveLength(2);
    });
  }

  for (const c of cases) {
    it(`${c.name}: s6's arguments, as s6-supervise passes them`, async () => {
      const [real, ours] = await Promise.all([
        exercise(join(root, 's6', c.name), c),
        exercise(join(root, 'svtui', `${c.name}-s6`), { ...c, name: `${c.name}-s6` }),
      ]);
      // s6 2.11 passes three; 2.12 added a fourth, ./run's process group: ./run's own pid,
      // since both run it in a session of its own.
      expect(ours.args.slice(0, 3)).toEqual([...real.args.slice(0, 2), `${c.name}-s6`]);
      expect(real.args[2]).toBe(c.name);
      if (real.args[3] !== undefined) expect(real.args[3]).toBe(String(real.pid));
      expect(ours.args[3]).toBe(String(ours.pid));
    });
  }

  it('the expected figures: exit 3 is "3 0", TERM "-1 15" / "256 15", KILL "-1 9" / "256 9"', () => {
    const first = (dir: string) => lines(join(root, dir, 'finish-args'))[0]?.split(' ');
    expect(first('svtui/exit3-runit')).toEqual(['3', '0']);
    expect(first('svtui/term-runit')).toEqual(['-1', '15']);
    expect(first('svtui/kill-runit')).toEqual(['-1', '9']);
    expect(first('svtui/term-s6')?.slice(0, 2)).toEqual(['256', '15']);
    // timeout-kill: TERM ignored, so KILL after 300 ms, as s6-supervise does it.
    expect(first('svtui/stubborn-s6')?.slice(0, 2)).toEqual(['256', '9']);
    expect(first('s6/stubborn')?.slice(0, 2)).toEqual(['256', '9']);
    expect(warnings).toEqual([]);
  });
});

describe.skipIf(!present)('s6: ./finish exiting 125 means no restart, as s6-supervise', () => {
  const root = tempDir('svtui-f125-');
  const c: Case = { name: 'f125', run: 'echo $$ >> runs\nexit 0', finish: `${RECORD}\nexit 125` };
  let s6: ChildProcess | undefined;
  let svtui: Supervisor | undefined;

  beforeAll(async () => {
    for (const side of ['s6', 'svtui']) {
      const dir = makeCase(join(root, side), c, true);
      writeFileSync(join(dir, 'down'), '');
    }
    s6 = startProcess(tool('s6-supervise'), [c.name], { cwd: join(root, 's6'), stdio: 'ignore' });
    svtui = await startSupervisor({ dir: join(root, 'svtui'), stderr: () => undefined });
  });

  afterAll(async () => {
    await svtui?.stop();
    if (s6) await stopProcess(s6);
  });

  it('after one run and its ./finish the service stays down, wanted down', async () => {
    const dirs = [join(root, 's6', c.name), join(root, 'svtui', c.name)];
    for (const dir of dirs) {
      await supervisable(dir);
      send(dir, 'u');
    }
    for (const dir of dirs) await waitFor(() => lines(join(dir, 'finish-args')).length > 0);
    // Both would restart within a second if they were going to.
    await sleep(1500);
    for (const dir of dirs) {
      expect(lines(join(dir, 'runs'))).toHaveLength(1);
      const decoded = unpackStatus(readFileSync(join(dir, 'supervise/status')));
      expect(decoded.ok && decoded.status).toMatchObject({ pid: 0, want: 'down' });
    }
    for (const pid of lines(join(dirs[1]!, 'runs')).map(Number)) expect(alive(pid)).toBe(false);
  });
});

describe.skipIf(!present)('./run that cannot start, against runsv', () => {
  const root = tempDir('svtui-f111-');
  const c: Case = { name: 'noexec', run: 'exit 0' };
  let runsv: ChildProcess | undefined;
  let svtui: Supervisor | undefined;

  beforeAll(async () => {
    for (const side of ['runit', 'svtui']) {
      const dir = makeCase(join(root, side), c, false);
      chmodSync(join(dir, 'run'), 0o644);
    }
    runsv = startProcess(tool('runsv'), [c.name], { cwd: join(root, 'runit'), stdio: 'ignore' });
    svtui = await startSupervisor({ dir: join(root, 'svtui'), stderr: () => undefined });
  });

  afterAll(async () => {
    await svtui?.stop();
    if (runsv) await stopProcess(runsv);
  });

  it('./finish is told 111 0, as runsv tells it', async () => {
    const dirs = [join(root, 'runit', c.name), join(root, 'svtui', c.name)];
    for (const dir of dirs) {
      await supervisable(dir);
      send(dir, 'o');
    }
    const [real, ours] = await Promise.all(
      dirs.map((dir) => waitFor(() => lines(join(dir, 'finish-args'))[0])),
    );
    expect(real).toBe('111 0');
    expect(ours).toBe(real);
  });
});
