// runit's and s6's service-directory files under the supervisor `svtui scan` runs, with real
// processes: readiness from notification-fd and from ./check (a `ready` event in the service's
// event log), the finish state in supervise/status as runit's own sv and daemontools' svstat read
// it, a ./finish that overstays timeout-finish, and a down-signal.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEvents } from '../../src/health/event.js';
import { startSupervisor, type Supervisor } from '../../src/supervisor/index.js';
import { waitFor } from '../support/processes.js';
import { haveTools, runCli, runSync, tempDir } from '../support/tools.js';
import { makeService, readStatus, remember, script, waitUp } from './helpers.js';

function events(dir: string) {
  try {
    return decodeEvents(readFileSync(join(dir, 'supervise/svtui-events'), 'utf8'));
  } catch {
    return [];
  }
}

const lines = (path: string) => {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

describe('service-directory files under svtui scan', () => {
  const tree = tempDir('svtui-files-');
  const warnings: string[] = [];
  let supervisor: Supervisor | undefined;
  const dir = (name: string) => join(tree, name);

  beforeAll(async () => {
    // s6: a newline on fd 3 once it is ready.
    makeService(tree, 'notify', { run: 'sleep 0.3\necho >&3\nexec sleep 100' });
    writeFileSync(join(dir('notify'), 'notification-fd'), '3\n');
    // runit: ./check passes once the flag exists.
    makeService(tree, 'checked', { run: 'rm -f flag\nsleep 0.5\ntouch flag\nexec sleep 100' });
    script(join(dir('checked'), 'check'), 'test -f flag');
    makeService(tree, 'plain', { run: 'exec sleep 100' });
    // A ./finish that takes its time: the finish state can be read.
    makeService(tree, 'slowfinish', { run: 'echo $$ >> runs\nexec sleep 100' });
    script(join(dir('slowfinish'), 'finish'), 'echo $$ > finish-pid\nexec sleep 5');
    // s6: a ./finish that overstays timeout-finish is killed, and the service restarts.
    makeService(tree, 'hung', { run: 'echo $$ >> runs\nexit 1' });
    script(join(dir('hung'), 'finish'), 'echo $$ >> finishes\nexec sleep 100');
    writeFileSync(join(dir('hung'), 'timeout-finish'), '400\n');
    // down-signal HUP: d sends HUP, which this run takes as its cue to exit 7.
    makeService(tree, 'hup', {
      run: "trap 'exit 7' HUP\ntrap '' TERM\nwhile :; do sleep 0.1; done",
    });
    writeFileSync(join(dir('hup'), 'down-signal'), 'HUP\n');
    script(join(dir('hup'), 'finish'), 'echo "$@" > finish-args');
    // Watched by the health engine too: one event log, written by both.
    makeService(tree, 'watched', { run: 'sleep 0.3\necho >&3\nexec sleep 100' });
    writeFileSync(join(dir('watched'), 'notification-fd'), '3\n');
    writeFileSync(join(dir('watched'), 'monitor'), 'if failed program "/bin/true" then alert\n');
    // A bad value is said once, naming the file; the default stands.
    makeService(tree, 'badfd', { run: 'exec sleep 100' });
    writeFileSync(join(dir('badfd'), 'notification-fd'), '1\n');
    supervisor = await startSupervisor({ dir: tree, stderr: (l) => warnings.push(l) });
    for (const name of ['notify', 'checked', 'plain', 'slowfinish', 'hup', 'badfd', 'watched']) {
      remember(await waitUp(dir(name)));
    }
  });

  afterAll(async () => {
    await supervisor?.stop();
  });

  const snapshot = (name: string) => supervisor?.services().find((s) => s.name === name);

  it('notification-fd: the newline marks it ready, with a ready event', async () => {
    await waitFor(() => snapshot('notify')?.ready);
    // The event is appended in the background: wait for it on disk.
    await waitFor(() => events(dir('notify')).some((e) => e.kind === 'ready'));
    const ready = events(dir('notify')).filter((e) => e.kind === 'ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ service: 'notify', pid: readStatus(dir('notify'))?.pid });
    expect(ready[0]?.text).toMatch(/^ready \(notification-fd 3\) [\d.]+ s after the start$/);
    expect(ready[0]?.value).toBeGreaterThanOrEqual(0.3);
  });

  it('./check: polled until it passes, then ready', async () => {
    await waitFor(() => snapshot('checked')?.ready);
    // The event is appended in the background: wait for it on disk.
    await waitFor(() => events(dir('checked')).some((e) => e.kind === 'ready'));
    const ready = events(dir('checked')).filter((e) => e.kind === 'ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]?.text).toMatch(/^ready \(\.\/check\) /);
    expect(ready[0]?.value).toBeGreaterThanOrEqual(0.5);
  });

  it("a watched service's ready event sits in the same log as the health engine's events", async () => {
    // The health engine loads in the background: its events may come before or after.
    await waitFor(() => events(dir('watched')).length >= 3);
    const text = readFileSync(join(dir('watched'), 'supervise/svtui-events'), 'utf8');
    const all = events(dir('watched'));
    expect(all).toHaveLength(text.split('\n').filter(Boolean).length);
    expect(all.map((e) => e.kind).sort()).toEqual(['ready', 'rules-loaded', 'start']);
  });

  it('no readiness signal: never ready, no ready event (its start is there)', () => {
    expect(snapshot('plain')?.ready).toBe(false);
    expect(events(dir('plain')).map((e) => e.kind)).toEqual(['start']);
  });

  it('a bad notification-fd is one line naming the file; the service runs without it', async () => {
    await waitFor(() => warnings.some((l) => l.startsWith('badfd/notification-fd')));
    expect(warnings.filter((l) => l.startsWith('badfd/'))).toEqual([
      "badfd/notification-fd: fd 1 is ./run's stdout: use 3 or more; using the default",
    ]);
    expect(snapshot('badfd')?.phase).toBe('up');
  });

  it('while ./finish runs the status says finish with its pid, as runsv writes it', async () => {
    const d = dir('slowfinish');
    process.kill(Number(lines(join(d, 'runs'))[0]), 'SIGKILL');
    const finishPid = Number(await waitFor(() => lines(join(d, 'finish-pid'))[0]));
    remember(finishPid);
    await waitFor(() => readStatus(d)?.pid === finishPid);
    expect(readStatus(d)).toMatchObject({ state: 'finish', pid: finishPid, want: 'up' });
    expect(snapshot('slowfinish')).toMatchObject({ phase: 'finishing', pid: 0 });
    if (haveTools('sv', 'svstat')) {
      // runit's sv shows the finish state; daemontools' svstat knows none and says up.
      expect(runSync(['sv', 'status', d]).stdout.toString()).toMatch(
        new RegExp(`^finish: ${d}: \\(pid ${finishPid}\\) \\d+s`),
      );
      const real = runSync(['svstat', d]).stdout.toString();
      expect(real).toMatch(new RegExp(`^${d}: up \\(pid ${finishPid}\\) \\d+ seconds\\n$`));
      // svtui svstat reads it byte for byte as svstat does (the seconds may tick between).
      const seconds = (line: string) => line.replace(/\d+ seconds/, 'N seconds');
      expect(seconds(runCli(['svstat', d]).stdout.toString())).toBe(seconds(real));
    }
  });

  it('timeout-finish: a ./finish that runs too long is killed and the service starts again', async () => {
    const d = dir('hung');
    await waitFor(() => lines(join(d, 'runs')).length >= 2, 5000);
    const finishes = lines(join(d, 'finishes')).map(Number);
    finishes.forEach(remember);
    expect(finishes.length).toBeGreaterThanOrEqual(1);
    expect(warnings).toContain('hung: finish ran out of time: sent KILL');
  });

  it('down-signal: d sends it (then CONT) in place of TERM', async () => {
    const d = dir('hup');
    writeFileSync(join(d, 'supervise/control'), 'd');
    await waitFor(() => lines(join(d, 'finish-args'))[0]);
    // The HUP ended it (exit 7): a TERM would have been ignored. s6's arguments (down-signal).
    expect(lines(join(d, 'finish-args'))[0]).toMatch(/^7 0 hup \d+$/);
    await waitFor(() => readStatus(d)?.state === 'down');
    expect(readStatus(d)).toMatchObject({ pid: 0, want: 'down' });
  });
});

describe('an s6-svscan tree', () => {
  it("gives its services s6's convention: ./finish gets four arguments", async () => {
    const tree = tempDir('svtui-s6tree-');
    mkdirSync(join(tree, '.s6-svscan'));
    const d = makeService(tree, 'a', { run: 'echo $$ >> runs\nexit 3', down: true });
    script(join(d, 'finish'), 'echo "$@" >> finish-args');
    const supervisor = await startSupervisor({ dir: tree, stderr: () => undefined });
    try {
      writeFileSync(join(d, 'supervise/control'), 'o');
      const args = await waitFor(() => lines(join(d, 'finish-args'))[0]);
      expect(args).toBe(`3 0 a ${lines(join(d, 'runs'))[0]}`);
    } finally {
      await supervisor.stop();
    }
  });
});
