// The Launcher both ways a service can be started — the native starter (posix_spawn) and Node's
// child_process (SVTUI_SPAWN=node) — with real processes: the same pid, exit reasons, session,
// directory, descriptors, signal dispositions, readiness pipe and start failures.
import {
  chmodSync,
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExitReason } from '../../src/codec/history.js';
import { spawnProgram, spawnRun, type Launcher } from '../../src/supervisor/launch.js';
import { childFds } from '../../src/supervisor/launch-posix.js';
import { spawnKind } from '../../src/supervisor/native-spawn.js';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import { remember, script } from './helpers.js';

const built = spawnKind({}) === 'posix_spawn';
if (!built) console.warn('SKIPPED: the native starter is not built; only child_process is tested');
const kinds = built ? (['posix_spawn', 'child_process'] as const) : (['child_process'] as const);
const saved = process.env.SVTUI_SPAWN;
afterEach(() => {
  if (saved === undefined) delete process.env.SVTUI_SPAWN;
  else process.env.SVTUI_SPAWN = saved;
});

interface Run {
  pid: number;
  failed?: string;
  exit: Promise<ExitReason>;
  ready: Promise<void>;
  signal: (s: 'SIGTERM' | 'SIGKILL') => void;
}

function launch(start: Launcher): Run {
  let onExit!: (r: ExitReason) => void;
  let onReady!: () => void;
  const run: Partial<Run> = {
    pid: 0,
    exit: new Promise((r) => (onExit = r)),
    ready: new Promise((r) => (onReady = r)),
  };
  const handle = start({
    onStarted: (pid) => {
      run.pid = pid;
      remember(pid);
    },
    onFailed: (reason) => (run.failed = reason),
    onExit: (reason) => onExit(reason),
    onReady: () => onReady(),
  });
  return { ...(run as Run), pid: run.pid ?? 0, signal: (s) => handle.signal(s) };
}

const now = () => Date.now();

/** This process's descriptors above 2 without close-on-exec (handed to it by whoever ran it). */
function inheritedFds(): number[] {
  return readdirSync('/proc/self/fd')
    .map(Number)
    .filter((fd) => {
      if (fd <= 2) return false;
      try {
        const flags = /flags:\s+(\d+)/.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1'));
        return flags !== null && (parseInt(flags[1] ?? '0', 8) & 0o2000000) === 0;
      } catch {
        return false;
      }
    });
}

describe.each(kinds)('launching with %s', (kind) => {
  const use = () => (process.env.SVTUI_SPAWN = kind === 'child_process' ? 'node' : '');

  it('runs ./run in its directory, in a new session, stdio as given, SIGPIPE at its default', async () => {
    use();
    expect(spawnKind()).toBe(kind);
    const dir = tempDir();
    script(
      join(dir, 'run'),
      [
        'pwd > where',
        'ps -o sid= -p $$ | tr -d " " > sid',
        'grep -E "^Sig(Ign|Blk)" /proc/self/status > sigs',
        'echo out; echo err >&2',
        'ls /proc/self/fd > fds',
        'exit 3',
      ].join('\n'),
    );
    const out = openSync(join(dir, 'out'), 'w');
    const run = launch(spawnRun(dir, ['ignore', out, out], now));
    closeSync(out);
    expect(run.failed).toBeUndefined();
    expect(run.pid).toBeGreaterThan(0);
    expect(await run.exit).toEqual({ kind: 'exit', code: 3 });
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    expect(read('where').trim()).toBe(dir);
    expect(Number(read('sid'))).toBe(run.pid);
    expect(read('sigs')).toBe('SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n');
    expect(read('out')).toBe('out\nerr\n');
    // 0-2, ls's own directory descriptor, and what this process inherited without close-on-exec
    // itself: nothing the supervisor opened leaks in.
    const numbers = (text: string) => text.split('\n').filter(Boolean).map(Number);
    expect(numbers(read('fds')).sort()).toEqual([0, 1, 2, 3, ...inheritedFds()].sort());
  });

  it("lays out descriptors that cross (this process's stdout as its stderr and back)", async () => {
    use();
    const dir = tempDir();
    script(
      join(dir, 'run'),
      'a=$(readlink /proc/$$/fd/1); b=$(readlink /proc/$$/fd/2); echo $a > one; echo $b > two',
    );
    const run = launch(spawnRun(dir, ['ignore', 2, 1], now));
    expect(await run.exit).toEqual({ kind: 'exit', code: 0 });
    expect(readFileSync(join(dir, 'one'), 'utf8').trim()).toBe(readlinkSync('/proc/self/fd/2'));
    expect(readFileSync(join(dir, 'two'), 'utf8').trim()).toBe(readlinkSync('/proc/self/fd/1'));
  });

  it('reports a death by signal and passes signals on', async () => {
    use();
    const dir = tempDir();
    script(join(dir, 'run'), 'exec sleep 100');
    const run = launch(spawnRun(dir, ['ignore', 'ignore', 'ignore'], now));
    run.signal('SIGKILL');
    expect(await run.exit).toEqual({ kind: 'signal', signal: 'KILL' });
  });

  it('passes arguments (./finish) and a pipe on the notification fd', async () => {
    use();
    const dir = tempDir();
    script(join(dir, 'finish'), 'echo "$@" > args; exec sleep 100 </dev/null');
    const finish = launch(
      spawnProgram(dir, 'finish', ['0', '3'], ['ignore', 'ignore', 'ignore'], now),
    );
    await waitFor(() => existsSync(join(dir, 'args')), 5000);
    expect(readFileSync(join(dir, 'args'), 'utf8')).toBe('0 3\n');
    finish.signal('SIGTERM');
    expect(await finish.exit).toEqual({ kind: 'signal', signal: 'TERM' });
    script(join(dir, 'run'), 'sleep 0.1; echo >&5; exec sleep 100');
    const run = launch(spawnRun(dir, ['ignore', 'ignore', 'ignore'], now, 5));
    await run.ready;
    run.signal('SIGKILL');
    await run.exit;
  });

  it('says why a start failed, as supervise does', () => {
    use();
    const dir = tempDir();
    const none = launch(spawnRun(dir, ['ignore', 'ignore', 'ignore'], now));
    expect(none.failed).toBe('unable to start run: file does not exist');
    writeFileSync(join(dir, 'run'), 'echo no #! line\n', { mode: 0o755 });
    expect(launch(spawnRun(dir, 'ignore', now)).failed).toBe(
      'unable to start run: exec format error',
    );
    writeFileSync(join(dir, 'run'), '#!/bin/sh\n');
    chmodSync(join(dir, 'run'), 0o644);
    expect(launch(spawnRun(dir, 'ignore', now)).failed).toBe('unable to start run: access denied');
  });
});

describe('childFds', () => {
  it("lays out Node's stdio option as the child's descriptors", () => {
    const fds = childFds(['inherit', 7, 'ignore'], 5);
    expect(fds?.[0]).toBe(0);
    expect(fds?.[1]).toBe(7);
    expect(fds?.[2]).toBeGreaterThan(2); // /dev/null, opened once
    expect(fds?.slice(3)).toEqual([-1, -1, -1]);
    expect(childFds('inherit')).toEqual([0, 1, 2]);
    expect(childFds(['pipe', 'ignore', 'ignore'])).toBeUndefined();
  });
});
