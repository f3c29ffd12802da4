import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tryLock, tryLockSync } from '../../src/adapters/lock.js';
import { haveTools, runSync, tempDir } from '../support/tools.js';

describe('lock adapter', () => {
  const dir = tempDir();

  it('holds the lock until released, and creates the file 0600', async () => {
    const path = join(dir, 'lock');
    const first = tryLockSync(path);
    expect(first.ok).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await tryLock(path)).toEqual({ ok: false, code: 'EAGAIN' });
    if (first.ok) first.lock.release();
    const again = await tryLock(path);
    expect(again.ok).toBe(true);
    if (again.ok) again.lock.release();
  });

  it('reports a missing directory as the open error', () => {
    expect(tryLockSync(join(dir, 'nope', 'lock'))).toEqual({ ok: false, code: 'ENOENT' });
  });

  it.runIf(haveTools('multilog'))('is seen as held by the real multilog', () => {
    const logDir = join(dir, 'log');
    mkdirSync(logDir, { mode: 0o700 });
    const held = tryLockSync(join(logDir, 'lock'));
    expect(held.ok).toBe(true);
    const r = runSync(['multilog', logDir], { input: 'x\n' });
    expect(r.status).toBe(111);
    expect(r.stderr.toString()).toBe(
      `multilog: fatal: unable to lock directory ${logDir}: temporary failure\n`,
    );
    if (held.ok) held.lock.release();
    expect(runSync(['multilog', logDir], { input: 'x\n' }).status).toBe(0);
  });
});
