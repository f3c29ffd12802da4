// Without permission: an unprivileged user against a root-owned supervise. svc and svstat must
// word it as the real tools do, and sendControl must report EACCES distinctly (the console goes
// read-only on it). Runs the tools as `nobody` through setpriv; needs root to do that. nobody runs
// a world-readable copy of svtui: the checkout may sit where it cannot reach.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatusFile } from '../../src/control/index.js';
import { startProcess, stopProcess, waitFor } from '../support/processes.js';
import {
  asNobody,
  canRunAsOtherUser,
  installForOtherUsers,
  type GuestInstall,
} from '../support/other-user.js';
import { runSync, tempDir, tool } from '../support/tools.js';

const run = (argv: string[], cwd: string) => {
  const r = runSync([...asNobody, ...argv], { cwd });
  return { stdout: r.stdout.toString(), stderr: r.stderr.toString(), status: r.status };
};

describe.skipIf(!canRunAsOtherUser('setpriv', 'supervise', 'svc', 'svstat'))(
  'as an unprivileged user',
  () => {
    let dir = '';
    let child: ChildProcess | undefined;
    let guest: GuestInstall | undefined;
    beforeAll(async () => {
      guest = installForOtherUsers();
      dir = tempDir('svtui-perm-');
      chmodSync(dir, 0o755);
      mkdirSync(join(dir, 'sv'));
      writeFileSync(join(dir, 'sv/run'), '#!/bin/sh\nexec sleep 1000\n');
      chmodSync(join(dir, 'sv/run'), 0o755);
      child = startProcess(tool('supervise'), ['sv'], { cwd: dir, stdio: 'ignore' });
      await waitFor(() => {
        const read = readStatusFile(join(dir, 'sv'));
        return read.ok && read.status.pid !== 0;
      });
    });
    afterAll(async () => {
      if (child) await stopProcess(child);
      guest?.remove();
    });

    it('svc and svstat say "access denied" as the real ones do', () => {
      const cliPath = guest!.cli;
      for (const supervise of [0o700, 0o755]) {
        chmodSync(join(dir, 'sv/supervise'), supervise);
        const svc = [
          run([tool('svc'), '-u', 'sv'], dir),
          run([process.execPath, cliPath, 'svc', '-u', 'sv'], dir),
        ];
        expect(svc[1]).toEqual(svc[0]);
        expect(svc[1]?.stderr).toBe('svc: warning: unable to control sv: access denied\n');
        const svstat = [
          run([tool('svstat'), 'sv'], dir),
          run([process.execPath, cliPath, 'svstat', 'sv'], dir),
        ];
        expect(svstat[1]).toEqual(svstat[0]);
        expect(svstat[1]?.stdout).toBe('sv: unable to open supervise/ok: access denied\n');
      }
    });

    it('the API reports EACCES distinctly, and the status stays readable', () => {
      const script = [
        `import { sendControl, probeSupervisor, readStatusFile } from '${join(guest!.dir, 'dist/control/index.js')}';`,
        "const status = readStatusFile('sv');",
        "console.log(JSON.stringify([sendControl('sv', 'u'), probeSupervisor('sv'), status.ok && status.status.pid > 0]));",
      ].join('\n');
      const r = run([process.execPath, '--input-type=module', '-e', script], dir);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual([
        { ok: false, reason: 'access denied', stage: 'open', code: 'EACCES' },
        { running: false, reason: 'unable to open supervise/ok: access denied', code: 'EACCES' },
        true,
      ]);
    });
  },
);
