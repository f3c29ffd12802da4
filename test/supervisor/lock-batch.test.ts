// The batched supervise/lock: many locks in one helper, seen as held by the real supervise.
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockBatcher } from '../../src/supervisor/lock-batch.js';
import { tryLockSync } from '../../src/adapters/lock.js';
import { haveTools, runSync, tempDir } from '../support/tools.js';

describe('lockBatcher', () => {
  const dir = tempDir();

  it('takes many locks at once and reports those held elsewhere', async () => {
    const lock = lockBatcher();
    const paths = Array.from({ length: 300 }, (_, i) => join(dir, `lock${i}`));
    const other = tryLockSync(paths[7]!);
    expect(other.ok).toBe(true);
    const results = await Promise.all(paths.map((p) => lock(p)));
    expect(results.filter((r) => r.ok)).toHaveLength(299);
    expect(results[7]).toEqual({ ok: false, code: 'EAGAIN' });
    for (const r of results) if (r.ok) r.lock.release();
    if (other.ok) other.lock.release();
    expect(await lock(join(dir, 'missing', 'lock'))).toEqual({ ok: false, code: 'ENOENT' });
  });

  it.runIf(haveTools('supervise'))('is seen as held by the real supervise', async () => {
    const service = join(dir, 'svc');
    mkdirSync(join(service, 'supervise'), { recursive: true, mode: 0o700 });
    writeFileSync(join(service, 'run'), '#!/bin/sh\nexec sleep 100\n');
    chmodSync(join(service, 'run'), 0o755);
    const [held] = await Promise.all([lockBatcher()(join(service, 'supervise', 'lock'))]);
    expect(held?.ok).toBe(true);
    const r = runSync(['supervise', service]);
    expect(r.status).toBe(111);
    expect(r.stderr.toString()).toBe(
      `supervise: fatal: unable to acquire ${service}/supervise/lock: temporary failure\n`,
    );
    if (held?.ok) held.lock.release();
  });
});
