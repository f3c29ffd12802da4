// Differential tests against the real svc and svstat on fake service directories (spec §7
// T26–T34) and on error cases: stdout, stderr and exit code compared as text.
import { closeSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { haveTools, runCli, runSync, tempDir, tool as toolPath } from '../support/tools.js';
import { drain, fakeService, normaliseSeconds, sideBySide, statusBytes } from './fake-service.js';

const present = haveTools('svc', 'svstat');
const future = { seconds: BigInt(Math.floor(Date.now() / 1000)) + 4_000_000_000n, nanoseconds: 0 };

describe.skipIf(!present)(
  'svc and svstat on fake directories, side by side with daemontools',
  () => {
    let root = '';
    beforeAll(() => {
      root = tempDir('svtui-control-');
      mkdirSync(join(root, 'emptydir'));
      writeFileSync(join(root, 'afile'), 'x');
    });

    it('T26: combined and repeated letters arrive once each, in one write', () => {
      const fk = fakeService(root, 'fk', { control: 'held' });
      const args = ['-d', '-x', '-u', '-d', '-dd', '-kpu', 'fk'];
      const { real, ours } = sideBySide('svc', args, root);
      expect(ours).toEqual(real);
      expect(real).toEqual({ stdout: '', stderr: '', status: 0 });
      // Each run delivered its bytes: both together are the same five letters twice.
      expect(drain(fk.controlReader ?? -1)).toBe('dxukpdxukp');
      const none = sideBySide('svc', ['fk', 'fk'], root);
      expect(none.ours).toEqual(none.real);
      expect(drain(fk.controlReader ?? -1)).toBe('');
    });

    it('T27: a future stamp counts 0 seconds; the down file is read at the time svstat runs', () => {
      const status = statusBytes({ since: future, pid: 1234, paused: true, want: 'down' }, 18);
      const fs = fakeService(root, 'fs27', { ok: 'held', status });
      const first = sideBySide('svstat', ['fs27'], root);
      expect(first.ours).toEqual(first.real);
      expect(first.ours.stdout).toBe('fs27: up (pid 1234) 0 seconds, paused, want down\n');
      writeFileSync(join(fs.dir, 'down'), '');
      const second = sideBySide('svstat', ['fs27'], root);
      expect(second.ours).toEqual(second.real);
      expect(second.ours.stdout).toBe(
        'fs27: up (pid 1234) 0 seconds, normally down, paused, want down\n',
      );
    });

    it('T28: down and want up; a 5-byte status is bad format', () => {
      fakeService(root, 'fs28', { ok: 'held', status: statusBytes({ since: future, want: 'up' }) });
      fakeService(root, 'short', { ok: 'held', status: Buffer.from('abcde') });
      const { real, ours } = sideBySide('svstat', ['fs28', 'short'], root);
      expect(ours).toEqual(real);
      expect(ours.stdout).toBe(
        'fs28: down 0 seconds, normally up, want up\n' +
          'short: unable to read supervise/status: bad format\n',
      );
    });

    it('T29: nonexistent, empty and regular-file directories', () => {
      const { real, ours } = sideBySide('svstat', ['nonexist', 'emptydir', 'afile'], root);
      expect(ours).toEqual(real);
      expect(ours.stdout).toBe(
        'nonexist: unable to chdir: file does not exist\n' +
          'emptydir: unable to open supervise/ok: file does not exist\n' +
          'afile: unable to chdir: not a directory\n',
      );
    });

    it('T30: an illegal option prints two lines and exits 100', () => {
      for (const args of [['-z', 'x'], ['-dz', 'x'], ['-?'], ['-u', '-é', 'x']]) {
        const { real, ours } = sideBySide('svc', args, root);
        expect(ours).toEqual(real);
        expect(ours.status).toBe(100);
      }
    });

    it('T32: runit 20-byte status read as daemontools reads it', () => {
      const status = statusBytes({
        since: future,
        pid: 123,
        paused: true,
        want: 'down',
        gotTerm: true,
      });
      fakeService(root, 'fs32', { ok: 'held', status });
      const { real, ours } = sideBySide('svstat', ['fs32'], root);
      expect(ours).toEqual(real);
      expect(ours.stdout).toBe('fs32: up (pid 123) 0 seconds, paused, want down\n');
    });

    it('T34: control FIFO without a reader: supervise not running; chdir and open errors', () => {
      fakeService(root, 'nr', { control: 'fifo' });
      const args = ['-u', 'nr', 'nonexist', 'emptydir', 'afile', '', 'nr/'];
      const { real, ours } = sideBySide('svc', args, root);
      expect(ours).toEqual(real);
      expect(ours.stderr).toContain('svc: warning: unable to control nr: supervise not running\n');
      expect(ours.status).toBe(0);
    });

    it('svstat: supervise not running, odd status, unsigned pid, ok as a regular file', () => {
      fakeService(root, 'noreader', { ok: 'fifo', status: statusBytes({ pid: 1 }) });
      fakeService(root, 'nostatus', { ok: 'held' });
      fakeService(root, 'bigpid', {
        ok: 'held',
        status: statusBytes({ since: future, pid: 4294967294 }),
      });
      const plain = fakeService(root, 'plainok', {
        status: statusBytes({ since: future, want: 'down' }),
      });
      writeFileSync(join(plain.dir, 'supervise/ok'), '');
      const odd = statusBytes({ since: future, pid: 77, paused: true });
      odd[16] = 9; // any nonzero paused byte
      odd[17] = 0x78; // 'x' adds nothing
      fakeService(root, 'oddbytes', { ok: 'held', status: odd });
      const names = ['noreader', 'nostatus', 'bigpid', 'plainok', 'oddbytes'];
      const { real, ours } = sideBySide('svstat', names, root);
      expect(ours).toEqual(real);
    });

    it('a status that cannot be read: the stale buffer formatted, as svstat does', () => {
      // daemontools compares read()'s -1 with an unsigned size, so a read error falls through and
      // formats whatever its static buffer holds: zeros at first, then the last status read.
      const isdir = fakeService(root, 'unreadable', { ok: 'held' });
      mkdirSync(join(isdir.dir, 'supervise/status'));
      const status = Buffer.alloc(18);
      // A stamp in the future: 0 seconds, whenever each tool reads the clock.
      const future = BigInt(Math.floor(Date.now() / 1000)) + 4_000_000_000n;
      status.writeBigUInt64BE(0x4000000000000000n + 10n + future);
      status.writeUInt32LE(77, 12);
      status[16] = 1;
      status[17] = 0x64;
      fakeService(root, 'readable', { ok: 'held', status });
      fakeService(root, 'fivebytes', { ok: 'held', status: Buffer.from([0, 0, 0, 0, 0]) });
      const names = ['unreadable', 'readable', 'unreadable', 'fivebytes', 'unreadable'];
      const { real, ours } = sideBySide('svstat', names, root);
      expect(real.stdout).toMatch(/^unreadable: down 461168\d+ seconds, normally up\n/);
      expect(real.stdout).toMatch(/\nunreadable: up \(pid 77\) 0 seconds, paused, want down\n/);
      expect(ours).toEqual(real);
    });

    it('svstat: unable to stat down, symlink loops, trailing slashes, dot paths', () => {
      const loop = fakeService(root, 'downloop', {
        ok: 'held',
        status: statusBytes({ since: future }),
      });
      symlinkSync('down', join(loop.dir, 'down'));
      const okLoop = fakeService(root, 'okloop', {});
      symlinkSync('ok', join(okLoop.dir, 'supervise/ok'));
      symlinkSync('fs28', join(root, 'link'));
      const names = [
        'downloop',
        'okloop',
        'fs28/',
        './fs28',
        'link',
        'link/.',
        'fs28//',
        'afile/x',
      ];
      const { real, ours } = sideBySide('svstat', names, root);
      expect(ours).toEqual(real);
    });

    it('svstat: elapsed seconds from a past stamp (seconds normalised)', () => {
      const since = { seconds: BigInt(Math.floor(Date.now() / 1000)) - 3600n, nanoseconds: 0 };
      fakeService(root, 'past', {
        ok: 'held',
        status: statusBytes({ since, pid: 42 }),
        down: true,
      });
      const { real, ours } = sideBySide('svstat', ['past'], root);
      expect(normaliseSeconds(ours)).toEqual(normaliseSeconds(real));
      expect(ours.stdout).toMatch(/^past: up \(pid 42\) 360\d seconds, normally down\n$/);
    });

    it('output to a full disk: no stack trace, the same exit code', () => {
      const full = openSync('/dev/full', 'w');
      try {
        for (const [tool, args, stdio] of [
          ['svstat', ['nonexist'], ['ignore', full, 'pipe']],
          ['svc', ['-u', 'nonexist'], ['ignore', 'pipe', full]],
          ['svc', ['-z'], ['ignore', 'pipe', full]],
        ] as const) {
          const real = runSync([toolPath(tool), ...args], { cwd: root, stdio: [...stdio] });
          const ours = runCli([tool, ...args], { cwd: root, stdio: [...stdio] });
          expect([ours.status, ours.stdout?.toString(), ours.stderr?.toString()]).toEqual([
            real.status,
            real.stdout?.toString(),
            real.stderr?.toString(),
          ]);
        }
      } finally {
        closeSync(full);
      }
    });

    it('no arguments: nothing, exit 0', () => {
      for (const tool of ['svc', 'svstat']) {
        const { real, ours } = sideBySide(tool, [], root);
        expect(ours).toEqual(real);
      }
    });

    it('svc on a regular control file writes the letters into it, as svc does', () => {
      const plain = fakeService(root, 'plainctl', {});
      const file = join(plain.dir, 'supervise/control');
      writeFileSync(file, '');
      sideBySide('svc', ['-tu', 'plainctl'], root);
      expect(readFileSync(file, 'latin1')).toBe('tu');
    });
  },
);
