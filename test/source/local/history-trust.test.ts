// The restart record (supervise/svtui-history) counts only while it describes the process that
// supervise/status names: one left by an earlier `svtui scan` must not freeze the row once real
// daemontools supervises the directory; restarts are then counted as they are seen.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHistory, type ServiceHistory } from '../../../src/codec/history.js';
import { packStatus, type ServiceStatus } from '../../../src/codec/status.js';
import { timeFromMillis } from '../../../src/codec/tai64n.js';
import { observeService } from '../../../src/source/local/observe.js';
import { localId } from '../../../src/source/local/index.js';
import { ServiceStore } from '../../../src/store/service-store.js';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'svtui-hist-'));
  mkdirSync(join(dir, 'supervise'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function status(pid: number, sinceMs: number): ServiceStatus {
  return {
    since: timeFromMillis(sinceMs),
    pid,
    paused: false,
    want: 'up',
    gotTerm: false,
    state: pid ? 'run' : 'down',
  };
}

/** What svtui scan leaves: 15 starts, the last at `lastStartMs`, killed by TERM before it. */
function history(lastStartMs: number): ServiceHistory {
  return {
    starts: 15,
    lastExit: { kind: 'signal', signal: 'TERM' },
    recentStarts: [timeFromMillis(lastStartMs - 5000), timeFromMillis(lastStartMs)],
    recentExits: [
      { at: timeFromMillis(lastStartMs - 1000), reason: { kind: 'signal', signal: 'TERM' } },
    ],
  };
}

function write(file: 'status' | 'svtui-history', content: Buffer | string, mtimeMs: number): void {
  const path = join(dir, 'supervise', file);
  writeFileSync(path, content);
  utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
}

describe('svtui-history trust', () => {
  it('is used while svtui supervises: status since is its last start', () => {
    write('svtui-history', formatHistory(history(T0)), T0);
    write('status', packStatus(status(4242, T0)), T0 + 60_000); // paused later, say
    expect(observeService(dir).history).toMatchObject({ starts: 15, lastExit: 'signal TERM' });
  });

  it('is ignored once another supervisor rewrote the status since', () => {
    write('svtui-history', formatHistory(history(T0)), T0);
    write('status', packStatus(status(5000, T0 + 3_600_000)), T0 + 3_600_000);
    expect(observeService(dir).history).toBeUndefined();
  });

  it('then the row counts the restarts it sees instead of freezing at the old figures', () => {
    write('svtui-history', formatHistory(history(T0)), T0);
    const store = new ServiceStore(() => {});
    store.setServices([{ id: localId('alpha'), name: 'alpha' }]);
    for (const [i, pid] of [5000, 5001, 5002].entries()) {
      const at = T0 + 3_600_000 + i * 2000;
      write('status', packStatus(status(pid, at)), at);
      store.observe(localId('alpha'), observeService(dir), at);
    }
    const row = store.row(localId('alpha'));
    expect(row?.restarts).toBe(2);
    expect(row?.lastExit).toBe('seen exit');
  });

  it('is used when written after the status (a start that failed, nothing started yet)', () => {
    write('status', packStatus(status(0, T0 - 10_000)), T0 - 10_000);
    write('svtui-history', formatHistory(history(T0)), T0);
    expect(observeService(dir).history?.starts).toBe(15);
  });
});
