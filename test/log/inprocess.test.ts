// The logger as the supervisor uses it: openMultilog in this process, fed by a real service's
// pipe; refused with multilog's words when another multilog holds the directory.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMultilog } from '../../src/log/inprocess.js';
import { startProcess, stopProcess, waitFor } from '../support/processes.js';
import { haveTools, tempDir } from '../support/tools.js';
import { allLogged, listing } from './helpers.js';

const root = tempDir('svtui-log-inproc-');

describe('openMultilog', () => {
  it('logs a real service pipe with labels, rotates on request, and closes like EOF', async () => {
    const messages: string[] = [];
    const log = await openMultilog(['t', 's4096', 'n99', './main'], {
      cwd: root,
      stderr: (t) => messages.push(t),
    });
    const child = spawn(
      'sh',
      ['-c', 'i=0; while [ $i -lt 300 ]; do echo "event $i"; i=$((i+1)); done; echo tail'],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const pending: Promise<void>[] = [];
    child.stdout.on('data', (chunk: Buffer) => pending.push(log.write(chunk)));
    await new Promise((resolve) => child.once('close', resolve));
    await Promise.all(pending);
    await log.rotate();
    await log.write(Buffer.from('after rotate\n'));
    await log.close();
    const dir = join(root, 'main');
    const lines = allLogged(dir).split('\n').slice(0, -1);
    expect(lines.map((l) => l.slice(26))).toEqual([
      ...Array.from({ length: 300 }, (_, i) => `event ${i}`),
      'tail',
      'after rotate',
    ]);
    for (const line of lines) expect(line).toMatch(/^@4[0-9a-f]{23} /);
    expect(readFileSync(join(dir, 'current'), 'latin1')).toMatch(/^@[0-9a-f]{24} after rotate\n$/);
    const names = listing(dir).map((e) => `${e.name} ${e.mode}`);
    expect(names.filter((n) => n === '@TS.s 744').length).toBeGreaterThan(2);
    expect(names.slice(-3)).toEqual(['current 744', 'lock 600', 'state 644']);
    expect(messages).toEqual([]);
  });

  it('resumes appending where a closed logger left off', async () => {
    const first = await openMultilog(['./again'], { cwd: root, stderr: () => {} });
    await first.write(Buffer.from('one\n'));
    await first.close();
    const second = await openMultilog(['./again'], { cwd: root, stderr: () => {} });
    await second.write(Buffer.from('two'));
    await second.close();
    await second.close();
    await expect(second.write(Buffer.from('late\n'))).rejects.toThrow(
      'multilog: write after close',
    );
    expect(readFileSync(join(root, 'again/current'), 'latin1')).toBe('one\ntwo\n');
  });

  it('refuses a directory another writer holds, and one it cannot make', async () => {
    const opts = { cwd: root, stderr: () => {} };
    const held = await openMultilog(['./held'], opts);
    await expect(openMultilog(['./held'], opts)).rejects.toThrow(
      /^multilog: fatal: unable to lock directory \.\/held: temporary failure$/,
    );
    await held.close();
    await expect(openMultilog(['/proc/nonexistent/dir'], opts)).rejects.toThrow(
      'multilog: fatal: unable to open directory /proc/nonexistent/dir: file does not exist',
    );
  });

  it.skipIf(!haveTools('multilog'))(
    'is refused while the real multilog holds the lock (T25)',
    async () => {
      const cwd = join(root, 'shared');
      mkdirSync(cwd);
      const fifo = join(cwd, 'fifo');
      spawn('mkfifo', [fifo]);
      await waitFor(() => {
        try {
          closeSync(openSync(fifo, 'r+'));
          return true;
        } catch {
          return false;
        }
      });
      const keep = openSync(fifo, 'r+');
      const real = startProcess('multilog', ['./l'], { cwd, stdio: [keep, 'ignore', 'ignore'] });
      await waitFor(() => existsSync(join(cwd, 'l/state')));
      await expect(openMultilog(['./l'], { cwd, stderr: () => {} })).rejects.toThrow(
        'multilog: fatal: unable to lock directory ./l: temporary failure',
      );
      await stopProcess(real);
      closeSync(keep);
    },
  );
});
