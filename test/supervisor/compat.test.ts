// Differential: the real svstat, svc, svok (daemontools) and sv (runit) against `svtui scan`,
// compared with what they print against the real supervise and runsv in the same situation.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, waitFor } from '../support/processes.js';
import { haveTools, runSync, tempDir } from '../support/tools.js';
import { makeService, readStatus, startScan, waitUp, type Scan } from './helpers.js';

const services = {
  up: { run: 'exec sleep 100' },
  stubborn: { run: 'trap "" TERM; exec sleep 100' },
  lazy: { run: 'exec sleep 100', down: true },
};

/** Pids and ages differ between runs; everything else must be the same text. */
const normalize = (text: string) =>
  text
    .replace(/\(pid \d+\)/g, '(pid P)')
    .replace(/\d+ seconds/g, 'N seconds')
    .replace(/\d+s\b/g, 'Ns');

function tool(tree: string, argv: string[]): string {
  const r = runSync(argv, { cwd: tree });
  return normalize(`${r.stdout.toString()}${r.stderr.toString()}rc=${r.status}\n`);
}

function makeTree(tree: string, withLog: boolean): void {
  for (const [name, spec] of Object.entries(services)) makeService(tree, name, spec);
  if (withLog) makeService(tree, 'logged', { run: 'exec sleep 100', log: 'exec cat >/dev/null' });
}

/** Run `argv` on both trees, wait until both print the same, and return that text. */
async function same(ours: string, theirs: string, argv: string[]): Promise<string> {
  let last: [string, string] = ['', ''];
  try {
    await waitFor(() => {
      last = [tool(ours, argv), tool(theirs, argv)];
      return last[0] === last[1];
    }, 3000);
  } catch {
    /* the assertion below shows the difference */
  }
  expect(last[0]).toBe(last[1]);
  return last[0];
}

describe.runIf(haveTools('supervise', 'svc', 'svstat', 'svok'))('daemontools tools', () => {
  const ours = tempDir();
  const theirs = tempDir();
  let scan: Scan;
  const names = Object.keys(services);

  beforeAll(async () => {
    makeTree(ours, false);
    makeTree(theirs, false);
    scan = startScan(ours);
    for (const name of names) startProcess('supervise', [join(theirs, name)], { stdio: 'ignore' });
    await Promise.all(
      ['up', 'stubborn'].flatMap((n) => [waitUp(join(ours, n)), waitUp(join(theirs, n))]),
    );
  });

  afterAll(async () => {
    for (const name of names) runSync(['svc', '-dxk', join(theirs, name)]);
    scan.child.kill('SIGTERM');
    await scan.exited;
    for (const name of names) readStatus(join(theirs, name));
  });

  it('svstat and svok on a fresh tree', async () => {
    expect(await same(ours, theirs, ['svstat', ...names])).toBe(
      'up: up (pid P) N seconds\nstubborn: up (pid P) N seconds\nlazy: down N seconds\nrc=0\n',
    );
    for (const name of names) await same(ours, theirs, ['svok', name]);
  });

  it("supervise/ holds the same files with the same modes (plus svtui's own svtui-*)", () => {
    const layout = (tree: string) => {
      const dir = join(tree, 'up', 'supervise');
      const entries = readdirSync(dir)
        .filter((name) => !name.startsWith('svtui-')) // history, events, resources
        .map((name) => {
          const st = statSync(join(dir, name));
          return `${name} ${st.isFIFO() ? 'fifo' : 'file'} ${(st.mode & 0o777).toString(8)}`;
        });
      return [`. ${(statSync(dir).mode & 0o777).toString(8)}`, ...entries.sort()];
    };
    expect(layout(ours)).toEqual(layout(theirs));
    expect(layout(ours)).toEqual([
      '. 700',
      'control fifo 600',
      'lock file 600',
      'ok fifo 600',
      `status file ${(0o644 & ~process.umask()).toString(8)}`,
    ]);
  });

  const steps: [string, string[], string[]][] = [
    ['svc -p pauses', ['svc', '-p', 'up'], ['svstat', 'up']],
    ['svc -c continues', ['svc', '-c', 'up'], ['svstat', 'up']],
    ['svc -d stops', ['svc', '-d', 'up'], ['svstat', 'up']],
    ['svc -u starts', ['svc', '-u', 'up'], ['svstat', 'up']],
    ['svc -d on a TERM-ignoring service', ['svc', '-d', 'stubborn'], ['svstat', 'stubborn']],
    ['svc -p on it', ['svc', '-p', 'stubborn'], ['svstat', 'stubborn']],
    ['svc -k kills it', ['svc', '-k', 'stubborn'], ['svstat', 'stubborn']],
  ];
  for (const [title, command, check] of steps) {
    it(title, async () => {
      runSync(command, { cwd: ours });
      runSync(command, { cwd: theirs });
      const text = await same(ours, theirs, check);
      expect(text).toMatch(/^\w+: (up|down)/);
    });
  }

  // The one deliberate difference: svtui stores "once" as runsv does (want `d`, not daemontools'
  // 0), so that `sv -v once` works (see the runit tests below). svstat then says `, want down`
  // while it runs — true: it will stay down when it exits — as it says against runsv.
  it('svc -o with a down file: svstat adds want down; after -t both are down', async () => {
    runSync(['svc', '-o', 'lazy'], { cwd: ours });
    runSync(['svc', '-o', 'lazy'], { cwd: theirs });
    await waitUp(join(ours, 'lazy'));
    await waitUp(join(theirs, 'lazy'));
    expect(tool(theirs, ['svstat', 'lazy'])).toBe(
      'lazy: up (pid P) N seconds, normally down\nrc=0\n',
    );
    expect(tool(ours, ['svstat', 'lazy'])).toBe(
      'lazy: up (pid P) N seconds, normally down, want down\nrc=0\n',
    );
    runSync(['svc', '-t', 'lazy'], { cwd: ours });
    runSync(['svc', '-t', 'lazy'], { cwd: theirs });
    expect(await same(ours, theirs, ['svstat', 'lazy'])).toBe('lazy: down N seconds\nrc=0\n');
  });
});

describe.runIf(haveTools('runsv', 'sv'))('runit sv', () => {
  const ours = tempDir();
  const theirs = tempDir();
  let scan: Scan;

  beforeAll(async () => {
    makeTree(ours, true);
    makeTree(theirs, true);
    scan = startScan(ours);
    for (const name of [...Object.keys(services), 'logged'])
      startProcess('runsv', [join(theirs, name)], { stdio: 'ignore' });
    await Promise.all(
      ['up', 'stubborn', 'logged', 'logged/log'].flatMap((n) => [
        waitUp(join(ours, n)),
        waitUp(join(theirs, n)),
      ]),
    );
  });

  afterAll(async () => {
    scan.child.kill('SIGTERM');
    await scan.exited;
  });

  it('sv status, also with a log service', async () => {
    expect(await same(ours, theirs, ['sv', 'status', './up', './lazy', './logged'])).toBe(
      'run: ./up: (pid P) Ns\ndown: ./lazy: Ns\nrun: ./logged: (pid P) Ns; run: log: (pid P) Ns\nrc=0\n',
    );
  });

  const steps: [string, string[], string[]][] = [
    ['sv down', ['sv', '-v', '-w', '5', 'down', './up'], ['sv', 'status', './up']],
    ['sv up', ['sv', '-v', '-w', '5', 'up', './up'], ['sv', 'status', './up']],
    [
      'sv down on a log',
      ['sv', '-v', '-w', '5', 'down', './logged/log'],
      ['sv', 'status', './logged'],
    ],
    ['sv up on a log', ['sv', '-v', '-w', '5', 'up', './logged/log'], ['sv', 'status', './logged']],
    ['sv pause', ['sv', 'pause', './up'], ['sv', 'status', './up']],
    ['sv cont', ['sv', 'cont', './up'], ['sv', 'status', './up']],
    ['sv up a down service', ['sv', '-v', 'up', './lazy'], ['sv', 'status', './lazy']],
    // runsv stores want down for once; with daemontools' 0 byte `sv -v once` timed out.
    [
      'sv once on a running service',
      ['sv', '-v', '-w', '3', 'once', './lazy'],
      ['sv', 'status', './lazy'],
    ],
    ['sv kill', ['sv', 'kill', './lazy'], ['sv', 'status', './lazy']],
    [
      'sv once on a down service',
      ['sv', '-v', '-w', '3', 'once', './lazy'],
      ['sv', 'status', './lazy'],
    ],
    ['sv down while once', ['sv', '-v', '-w', '3', 'down', './lazy'], ['sv', 'status', './lazy']],
  ];
  for (const [title, command, check] of steps) {
    it(title, async () => {
      const a = tool(ours, command);
      const b = tool(theirs, command);
      expect(a).toBe(b);
      await same(ours, theirs, check);
    });
  }
});
