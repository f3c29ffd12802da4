// The executor against a file system that fails on purpose: writes refused with EFBIG and ENOSPC,
// a rename refused during rotation. The logger must warn with multilog's words, pause, retry, and
// lose nothing. The port is the real one with a few calls made to fail: this tests the retry.
import { mkdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogPort } from '../../src/log/fs-port.js';
import { startMultilog } from '../../src/log/multilog.js';
import { nodeLogPort } from '../../src/log/node-fs.js';
import { tempDir } from '../support/tools.js';
import { allLogged, listing, numberedLines } from './helpers.js';

function systemError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/** The real port, with `failures` thrown by the first calls of the named method. */
function failingPort(method: 'write' | 'rename', failures: string[]) {
  const real = nodeLogPort();
  const pauses: number[] = [];
  const port: LogPort = {
    ...real,
    sleep: async (ms) => {
      pauses.push(ms);
    },
  };
  const original = real[method] as (...args: unknown[]) => unknown;
  (port as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
    const code = failures.shift();
    if (code) throw systemError(code);
    return original(...args);
  };
  return { port, pauses };
}

describe('pause and retry', () => {
  const root = tempDir('svtui-log-exec-');

  it('keeps every line through EFBIG and ENOSPC, warning as multilog does', async () => {
    const { port, pauses } = failingPort('write', ['EFBIG', 'EFBIG', 'ENOSPC']);
    const messages: string[] = [];
    const log = await startMultilog(['s4096', 'n99', './a'], {
      cwd: root,
      stderr: (t) => messages.push(t),
      port,
      pauseMs: 7,
    });
    const input = numberedLines(300);
    for (let i = 0; i < input.length; i += 1234)
      await log.write(Buffer.from(input.slice(i, i + 1234)));
    await log.close();
    expect(messages).toEqual([
      'multilog: warning: unable to write to ./a/current, pausing: file too big\n',
      'multilog: warning: unable to write to ./a/current, pausing: file too big\n',
      'multilog: warning: unable to write to ./a/current, pausing: out of disk space\n',
    ]);
    expect(pauses).toEqual([7, 7, 7]);
    expect(allLogged(join(root, 'a'))).toBe(input);
    expect(listing(join(root, 'a')).find((e) => e.name === 'current')?.mode).toBe('744');
  });

  it('retries a rotation whose rename fails, without losing or reordering lines', async () => {
    const { port, pauses } = failingPort('rename', ['EACCES']);
    const messages: string[] = [];
    const log = await startMultilog(['s4096', 'n99', './b'], {
      cwd: root,
      stderr: (t) => messages.push(t),
      port,
      pauseMs: 3,
    });
    const input = numberedLines(100);
    await log.write(Buffer.from(input));
    await log.close();
    expect(messages).toEqual([
      'multilog: warning: unable to rename current to previous in directory ./b, pausing: access denied\n',
    ]);
    expect(pauses).toEqual([3]);
    expect(allLogged(join(root, 'b'))).toBe(input);
  });

  it('pauses a status file write too, and writes it in full afterwards', async () => {
    const { port } = failingPort('write', ['ENOSPC']);
    const messages: string[] = [];
    const log = await startMultilog(['=st'], {
      cwd: root,
      stderr: (t) => messages.push(t),
      port,
      pauseMs: 1,
    });
    await log.write(Buffer.from('ok\n'));
    await log.close();
    expect(messages).toEqual([
      'multilog: warning: unable to write st, pausing: out of disk space\n',
    ]);
    expect(readFileSync(join(root, 'st'), 'latin1')).toBe('ok' + '\n'.repeat(999));
  });

  it('runs a failing processor again after a pause until it succeeds', async () => {
    const messages: string[] = [];
    const log = await startMultilog(
      ['s4096', '!test -e ../ok && cat || { touch ../ok; exit 1; }', './p'],
      {
        cwd: root,
        stderr: (t) => messages.push(t),
        pauseMs: 5,
      },
    );
    const input = numberedLines(30);
    await log.write(Buffer.from(input));
    await log.close();
    expect(messages).toEqual(['multilog: warning: processor failed in ./p, pausing\n']);
    expect(allLogged(join(root, 'p'))).toBe(input);
    expect(listing(join(root, 'p')).map((e) => `${e.name} ${e.mode}`)).toEqual([
      '@TS.s 744',
      'current 744',
      'lock 600',
      'state 644',
    ]);
  });

  it('a crashed processor: warned with the errno multilog last had, then as failed', async () => {
    const crashOnce = '!test -e crashed && cat || { touch crashed; kill -9 $$; }';
    const run = async (dir: string) => {
      const messages: string[] = [];
      const { port, pauses } = failingPort('write', []);
      const log = await startMultilog(['s4096', crashOnce, dir], {
        cwd: root,
        stderr: (t) => messages.push(t),
        port,
        pauseMs: 1,
      });
      await log.write(Buffer.from(numberedLines(30)));
      await log.close();
      return { messages, pauses };
    };
    // A fresh directory: the last failing call was a stat of the missing current.
    const fresh = await run('./c');
    expect(fresh.messages).toEqual([
      'multilog: warning: processor crashed in ./c, pausing: file does not exist\n',
      'multilog: warning: processor failed in ./c, pausing\n',
    ]);
    expect(fresh.pauses).toEqual([1, 1]);
    // Reused cleanly: mkdir's EEXIST.
    await (await startMultilog(['./d'], { cwd: root, stderr: () => undefined })).close();
    expect((await run('./d')).messages[0]).toBe(
      'multilog: warning: processor crashed in ./d, pausing: file already exists\n',
    );
  });

  it('a processor whose files cannot be opened: unable to run, then failed, until they can', async () => {
    const messages: string[] = [];
    const dir = join(root, 'nostate');
    const port: LogPort = {
      ...nodeLogPort(),
      sleep: async () => writeFileSync(join(dir, 'state'), 'S\n'), // put state back in the pause
    };
    const log = await startMultilog(['s4096', '!cat; cat <&4 >&5', './nostate'], {
      cwd: root,
      stderr: (t) => messages.push(t),
      port,
      pauseMs: 1,
    });
    unlinkSync(join(dir, 'state'));
    const input = numberedLines(30);
    await log.write(Buffer.from(input));
    await log.close();
    expect(messages).toEqual([
      'multilog: fatal: unable to run cat; cat <&4 >&5: file does not exist\n',
      'multilog: warning: processor failed in ./nostate, pausing\n',
    ]);
    expect(allLogged(dir)).toBe(input);
    expect(readFileSync(join(dir, 'state'), 'latin1')).toBe('S\n');
  });

  it('an old file that cannot be removed: unable to read DIR, as multilog words it', async () => {
    const messages: string[] = [];
    const dir = join(root, 'olddir');
    const blocker = join(dir, '@400000000000000000000000aa.s');
    mkdirSync(blocker, { recursive: true });
    const port: LogPort = { ...nodeLogPort(), sleep: async () => rmdirSync(blocker) };
    const log = await startMultilog(['s4096', 'n2', './olddir'], {
      cwd: root,
      stderr: (t) => messages.push(t),
      port,
      pauseMs: 1,
    });
    const input = numberedLines(30);
    await log.write(Buffer.from(input));
    await log.close();
    expect(messages).toEqual([
      'multilog: warning: unable to read ./olddir, pausing: is a directory\n',
    ]);
    expect(listing(dir).map((e) => e.name)).toEqual(['@TS.s', 'current', 'lock', 'state']);
  });
});
