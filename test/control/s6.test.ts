// svtui svstat and svc against a live s6-supervise, side by side with s6-svstat and s6-svc, and
// the supervisor probe on every kind of directory. svstat prints daemontools' line for s6's
// state; what differs from s6-svstat's own line is spelled out in `expectedFromS6` below.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  probeSupervisorKind,
  probeSupervisorKinds,
  readStatusFile,
} from '../../src/control/index.js';
import { waitFor } from '../support/processes.js';
import { haveTools, runCli, runSync, tempDir } from '../support/tools.js';
import { S6_TOOLS, s6Pid, startS6Supervise, stopS6 } from './s6-live.js';
import { makeService } from './supervisors.js';

/**
 * daemontools' svstat line for the state s6-svstat describes: `down (signal SIGTERM) ` and
 * `down (exitcode N) ` lose their parenthesis (daemontools does not record exits), and the
 * `, ready N seconds` suffix goes (daemontools has no readiness). Everything else — up/down,
 * pid, normally up/down, paused, want up/down — is the same words in the same order.
 */
function expectedFromS6(line: string): string {
  return line
    .replace(/^down \((signal \S+|exitcode \d+)\) /, 'down ')
    .replace(/, ready \d+ seconds(\n?)$/, '$1');
}

/**
 * Seconds may differ by one (svstat truncates both stamps, s6-svstat the difference), plus the
 * whole seconds that passed between the two runs (`after`, read by s6-svstat once more: on a
 * loaded machine a run of svtui can take more than a second).
 */
function sameButSeconds(ours: string, theirs: string, after = theirs): void {
  const strip = (s: string) => s.replace(/\d+ seconds/, 'N seconds');
  expect(strip(ours)).toBe(strip(theirs));
  const n = (s: string) => Number(/(\d+) seconds/.exec(s)?.[1]);
  expect(n(ours)).toBeGreaterThanOrEqual(n(theirs) - 1);
  expect(n(ours)).toBeLessThanOrEqual(n(after) + 1);
}

const present = haveTools(...S6_TOOLS, 'svstat');

describe.skipIf(!present)('svtui svstat and svc against s6-supervise', () => {
  let root = '';
  let dir = '';
  let child: ChildProcess | undefined;
  const pids = new Set<number>();

  const ours = () => runCli(['svstat', 'sv'], { cwd: root }).stdout.toString();
  const theirs = () => runSync(['s6-svstat', 'sv'], { cwd: root }).stdout.toString();
  const field = (name: string) =>
    runSync(['s6-svstat', '-o', name, 'sv'], { cwd: root }).stdout.toString().trim();
  const svc = (letters: string) => {
    const r = runCli(['svc', letters, 'sv'], { cwd: root });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
  };
  const compare = () => {
    const s6 = theirs();
    const line = ours();
    const later = theirs();
    expect(line.startsWith('sv: ')).toBe(true);
    sameButSeconds(line.slice(4), expectedFromS6(s6), expectedFromS6(later));
    return line;
  };
  const pid = () => {
    const p = s6Pid(dir);
    pids.add(p);
    return p;
  };

  beforeAll(async () => {
    root = tempDir('svtui-s6-');
    dir = makeService(root, 'sv');
    child = await startS6Supervise(root, 'sv');
    pid();
  });
  afterAll(async () => {
    pid();
    if (child) await stopS6(child, [...pids]);
  });

  it('the probe names s6-supervise and its pid; svstat reads s6 status as daemontools words it', () => {
    expect(probeSupervisorKind(dir)).toEqual({
      kind: 's6',
      running: true,
      pid: child?.pid,
      layout: 's6',
    });
    const decoded = readStatusFile(dir);
    expect(decoded).toMatchObject({ ok: true, format: 's6', s6: { wantUp: true } });
    expect(compare()).toMatch(/^sv: up \(pid \d+\) \d+ seconds\n$/);
    // the real daemontools svstat cannot read it at all
    expect(runSync(['svstat', 'sv'], { cwd: root }).stdout.toString()).toBe(
      'sv: unable to open supervise/ok: file does not exist\n',
    );
  });

  it('-p pauses, -c continues (s6-svstat agrees)', async () => {
    svc('-p');
    await waitFor(() => field('paused') === 'true');
    expect(compare()).toMatch(/, paused\n$/);
    svc('-c');
    await waitFor(() => field('paused') === 'false');
    compare();
  });

  it('-d: down, normally up (s6 says which signal); -u: up with a new pid', async () => {
    const before = pid();
    svc('-d');
    await waitFor(() => field('up') === 'false');
    expect(theirs()).toMatch(/^down \(signal SIGTERM\) \d+ seconds, normally up, ready/);
    expect(compare()).toMatch(/^sv: down \d+ seconds, normally up\n$/);
    svc('-u');
    await waitFor(() => field('up') === 'true');
    expect(pid()).not.toBe(before);
    compare();
  });

  it('-t restarts; a down file makes it normally down; -o: up, want down (as s6 says)', async () => {
    const before = pid();
    svc('-t');
    await waitFor(() => field('up') === 'true' && ![before, 0].includes(pid()));
    // s6 throttles a run that lived under a second: let any restart settle before comparing
    await new Promise((r) => setTimeout(r, 1200));
    await waitFor(() => field('up') === 'true');
    writeFileSync(join(dir, 'down'), '');
    expect(compare()).toMatch(/, normally down\n$/);
    rmSync(join(dir, 'down'));
    svc('-d');
    await waitFor(() => field('up') === 'false');
    svc('-o');
    await waitFor(() => field('up') === 'true');
    pid();
    // s6 has no "once" state: -o clears wanted-up, so both say want down
    expect(compare()).toMatch(/^sv: up \(pid \d+\) \d+ seconds, want down\n$/);
    svc('-u');
    await waitFor(() => field('wantedup') === 'true');
  });

  it('-k kills and s6 restarts it; -x then -d: s6-supervise exits, both say not running', async () => {
    const before = pid();
    svc('-k');
    await waitFor(() => pid() !== before && pid() !== 0);
    svc('-dx');
    await waitFor(() => child?.exitCode !== null);
    pid();
    expect(ours()).toBe('sv: supervise not running\n');
    const s6 = runSync(['s6-svstat', 'sv'], { cwd: root });
    expect(s6.status).toBe(1);
    expect(s6.stderr.toString()).toBe(
      's6-svstat: fatal: : unable to read status for sv: s6-supervise not running\n',
    );
    const sent = runCli(['svc', '-u', 'sv'], { cwd: root });
    expect(sent.stderr.toString()).toBe(
      'svc: warning: unable to control sv: supervise not running\n',
    );
    expect(probeSupervisorKind(dir)).toMatchObject({
      kind: 'none',
      running: false,
      layout: 's6',
      reason: 'supervise not running',
    });
  });
});

describe('probeSupervisorKinds', () => {
  it('one call for many directories: missing, empty, a stopped daemontools layout', async () => {
    const root = tempDir('svtui-kinds-');
    mkdirSync(join(root, 'empty'));
    mkdirSync(join(root, 'dt/supervise'), { recursive: true });
    writeFileSync(join(root, 'dt/supervise/status'), Buffer.alloc(18));
    runSync(['mkfifo', join(root, 'dt/supervise/ok')]);
    const probes = await probeSupervisorKinds(
      ['nonexist', 'empty', 'dt'].map((n) => join(root, n)),
    );
    expect(probes).toEqual([
      {
        kind: 'none',
        running: false,
        layout: 'none',
        reason: 'unable to chdir: file does not exist',
        code: 'ENOENT',
      },
      {
        kind: 'none',
        running: false,
        layout: 'none',
        reason: 'unable to open supervise/ok: file does not exist',
        code: 'ENOENT',
      },
      {
        kind: 'none',
        running: false,
        layout: 'daemontools',
        reason: 'supervise not running',
        code: 'ENXIO',
      },
    ]);
  });
});
