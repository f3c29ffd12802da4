// `svtui monitor DIR` beside the real supervisors: a tree daemontools' svscan (one runit's
// runsvdir, one s6's s6-svscan) supervises, a service whose HTTP check fails once the test's
// server is told to fail.
// The monitor restarts it through supervise/control (the pid changes), writes the events, state
// and resource history into supervise/, refuses a second monitor, and a flapping service runs the
// alert hook at most 5 times (the default limit), the rest recorded as alert-suppressed events.
// Every process is stopped by pid. Skipped loudly without the tools.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatusFile } from '../../src/control/index.js';
import { decodeEvents } from '../../src/health/index.js';
import { alive, processesIn, startProcess, stopProcess, waitFor } from '../support/processes.js';
import {
  asNobody,
  canRunAsOtherUser,
  installForOtherUsers,
  type GuestInstall,
} from '../support/other-user.js';
import { cli, haveTools, runCli, runSync, tempDir, tool } from '../support/tools.js';
import { script } from '../supervisor/helpers.js';

/** The test's HTTP server: /health answers 200 until told to fail; /flap alternates. */
let server: Server;
let port = 0;
let failing = false;
let flap = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/flap') res.writeHead(flap++ % 2 === 0 ? 503 : 200).end();
    else res.writeHead(failing ? 503 : 200).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const pidOf = (dir: string) => {
  const read = readStatusFile(dir);
  return read.ok && read.status.state === 'run' ? read.status.pid : 0;
};
const events = (dir: string) => {
  const file = join(dir, 'supervise', 'svtui-events');
  return existsSync(file) ? decodeEvents(readFileSync(file, 'utf8')) : [];
};

function makeTree(): string {
  const tree = tempDir('svtui-monitor-');
  for (const name of ['web', 'flappy']) {
    mkdirSync(join(tree, name));
    script(join(tree, name, 'run'), 'exec sleep 1000');
  }
  writeFileSync(
    join(tree, 'web', 'monitor'),
    `if failed host 127.0.0.1 port ${port} protocol http request "/health" for 2 cycles then restart\n`,
  );
  writeFileSync(
    join(tree, 'flappy', 'monitor'),
    `if failed host 127.0.0.1 port ${port} protocol http request "/flap" then alert\n`,
  );
  mkdirSync(join(tree, '.svtui'));
  writeFileSync(join(tree, '.svtui', 'monitrc'), 'set daemon 1\n');
  script(join(tree, '.svtui', 'alert'), `echo "$SVTUI_SERVICE $SVTUI_EVENT" >> ${tree}/hook.runs`);
  return tree;
}

const cases = [
  { name: 'daemontools svscan', tool: 'svscan', needs: ['svscan', 'supervise'] },
  { name: 'runit runsvdir', tool: 'runsvdir', needs: ['runsvdir', 'runsv'] },
  { name: 's6 s6-svscan', tool: 's6-svscan', needs: ['s6-svscan', 's6-supervise'] },
];

for (const c of cases) {
  describe.skipIf(!haveTools(...c.needs))(`svtui monitor beside ${c.name}`, () => {
    it('restarts a failing service through supervise/control, records it, limits the alerts', async () => {
      failing = false;
      const tree = makeTree();
      const supervisor = startProcess(tool(c.tool), [tree], { stdio: 'ignore' });
      try {
        const web = join(tree, 'web');
        const first = await waitFor(() => pidOf(web), 8000);
        await waitFor(() => pidOf(join(tree, 'flappy')), 8000);
        const monitor = startProcess(process.execPath, [cli, 'monitor', tree]);
        let stderr = '';
        monitor.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
        await waitFor(() => existsSync(join(tree, '.svtui', 'monitor.lock')), 5000);
        await waitFor(() => events(web).some((e) => e.kind === 'start'), 5000);

        // A second monitor on the same tree: one line, exit 111.
        const second = runCli(['monitor', tree]);
        expect(second.status).toBe(111);
        expect(second.stderr.toString()).toMatch(
          new RegExp(
            `^svtui monitor: fatal: another svtui monitor \\(pid ${monitor.pid}\\) watches .+monitor\\.lock is locked\\n$`,
          ),
        );

        // Healthy for a while: the pid stays. Then the server fails: restarted.
        await new Promise((r) => setTimeout(r, 2500));
        expect(pidOf(web)).toBe(first);
        failing = true;
        const second_pid = await waitFor(() => {
          const pid = pidOf(web);
          return pid !== first && pid !== 0 ? pid : 0;
        }, 12_000);
        expect(second_pid).not.toBe(first);
        failing = false;
        const kinds = await waitFor(() => {
          const all = events(web).map((e) => e.kind);
          return all.includes('exit') && all.lastIndexOf('start') > all.indexOf('exit')
            ? all
            : undefined;
        }, 5000);
        expect(kinds).toEqual(
          expect.arrayContaining(['rules-loaded', 'start', 'check-failed', 'action', 'exit']),
        );
        const action = events(web).find((e) => e.kind === 'action');
        expect(action).toMatchObject({ action: 'restart', monit: 'Connection failed' });
        // daemontools and runit keep no exit status: "exited", no code; s6 keeps how it ended
        // (the restart's TERM).
        expect(events(web).find((e) => e.kind === 'exit')?.text).toBe(
          c.tool === 's6-svscan' ? 'killed by TERM' : 'exited',
        );
        expect(existsSync(join(web, 'supervise', 'svtui-monitor.json'))).toBe(true);
        expect(existsSync(join(web, 'supervise', 'svtui-resources'))).toBe(true);

        // The flapping service alerts every cycle; the hook ran 5 times, the rest held back.
        const flappy = join(tree, 'flappy');
        await waitFor(
          () => events(flappy).filter((e) => e.kind === 'alert-suppressed').length >= 2,
          15_000,
        );
        const runs = readFileSync(join(tree, 'hook.runs'), 'utf8').trim().split('\n');
        expect(runs.filter((l) => l.startsWith('flappy '))).toHaveLength(5);
        const held = events(flappy).filter((e) => e.kind === 'alert-suppressed');
        expect(held.map((e) => e.held)).toEqual(held.map((_, i) => i + 1));
        expect(events(flappy).filter((e) => e.kind === 'alert').length).toBe(5 + held.length);

        // TERM: a clean stop, exit 0, the lock free for the next monitor.
        const exit = new Promise<number | null>((done) =>
          monitor.once('exit', (code) => done(code)),
        );
        monitor.kill('SIGTERM');
        expect(await exit).toBe(0);
        expect(stderr).toBe('');
      } finally {
        await stopProcess(supervisor);
        for (const pid of processesIn(tree)) if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
    }, 60_000);
  });
}

describe.skipIf(!haveTools('svscan', 'supervise'))(
  'svtui monitor refuses and stops cleanly',
  () => {
    it('refuses a tree svtui scan runs, in one line', async () => {
      const tree = tempDir('svtui-monitor-');
      mkdirSync(join(tree, 'web'));
      script(join(tree, 'web', 'run'), 'exec sleep 1000');
      const scan = startProcess(process.execPath, [cli, 'scan', tree], { stdio: 'ignore' });
      try {
        await waitFor(
          () => existsSync(join(tree, 'web', 'supervise', 'ok')) && pidOf(join(tree, 'web')),
          8000,
        );
        const r = runCli(['monitor', tree]);
        expect(r.status).toBe(111);
        expect(r.stderr.toString()).toBe(
          `svtui monitor: fatal: svtui scan supervises ${tree} and runs its monitor files itself: svtui monitor is for trees svscan, runsvdir or s6-svscan supervise\n`,
        );
      } finally {
        await stopProcess(scan);
      }
    }, 20_000);

    it('svtui scan refuses a tree svtui monitor watches, and takes it once the monitor is gone', async () => {
      const tree = tempDir('svtui-monitor-');
      mkdirSync(join(tree, 'web'));
      script(join(tree, 'web', 'run'), 'exec sleep 1000');
      const monitor = startProcess(process.execPath, [cli, 'monitor', tree], { stdio: 'ignore' });
      let scan: ReturnType<typeof startProcess> | undefined;
      try {
        await waitFor(() => existsSync(join(tree, '.svtui', 'monitor.lock')), 8000);
        await waitFor(
          () => readFileSync(join(tree, '.svtui', 'monitor.lock'), 'utf8').trim(),
          8000,
        );
        const r = runCli(['scan', tree]);
        expect(r.status).toBe(111);
        expect(r.stderr.toString()).toBe(
          `svtui scan: fatal: unable to supervise ${tree}: svtui monitor (pid ${monitor.pid}) watches it; stop it first (svtui scan runs the monitor files itself)\n`,
        );
        expect(existsSync(join(tree, 'web', 'supervise', 'status'))).toBe(false);
        await stopProcess(monitor);
        scan = startProcess(process.execPath, [cli, 'scan', tree], { stdio: 'ignore' });
        await waitFor(() => pidOf(join(tree, 'web')), 8000);
      } finally {
        await stopProcess(monitor);
        if (scan) await stopProcess(scan);
      }
    }, 30_000);

    it('TERM kills a check still running: no orphan', async () => {
      const tree = tempDir('svtui-monitor-');
      mkdirSync(join(tree, 'web'));
      script(join(tree, 'web', 'run'), 'exec sleep 1000');
      script(join(tree, 'web', 'hang'), `echo $$ > ${tree}/hang.pid; exec sleep 1000`);
      writeFileSync(
        join(tree, 'web', 'monitor'),
        'if failed program "./hang" with timeout 100 seconds then alert\n',
      );
      mkdirSync(join(tree, '.svtui'));
      writeFileSync(join(tree, '.svtui', 'monitrc'), 'set daemon 1\n');
      const supervisor = startProcess(tool('svscan'), [tree], { stdio: 'ignore' });
      try {
        await waitFor(() => pidOf(join(tree, 'web')), 8000);
        const monitor = startProcess(process.execPath, [cli, 'monitor', tree], { stdio: 'ignore' });
        const hang = await waitFor(() => {
          const file = join(tree, 'hang.pid');
          return existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
        }, 8000);
        expect(alive(hang)).toBe(true);
        const exit = new Promise<number | null>((done) =>
          monitor.once('exit', (code) => done(code)),
        );
        monitor.kill('SIGTERM');
        expect(await exit).toBe(0);
        await waitFor(() => !alive(hang), 2000);
      } finally {
        await stopProcess(supervisor);
        for (const pid of processesIn(tree)) if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
    }, 30_000);
  },
);

describe.skipIf(!canRunAsOtherUser('svscan', 'supervise', 'setpriv'))(
  'svtui monitor as another user than the supervisor',
  () => {
    let guest: GuestInstall | undefined;
    afterAll(() => guest?.remove());

    it('refuses, in one line naming the directory, a tree whose supervise/ it may not write', async () => {
      const tree = tempDir('svtui-monitor-');
      chmodSync(tree, 0o755);
      mkdirSync(join(tree, 'web'));
      script(join(tree, 'web', 'run'), 'exec sleep 1000');
      // .svtui/ open to all: the refusal is about supervise/, which svscan makes 0700 root.
      mkdirSync(join(tree, '.svtui'), { mode: 0o777 });
      chmodSync(join(tree, '.svtui'), 0o777);
      const supervisor = startProcess(tool('svscan'), [tree], { stdio: 'ignore' });
      try {
        await waitFor(() => pidOf(join(tree, 'web')), 8000);
        guest = installForOtherUsers();
        const r = runSync([...asNobody, process.execPath, guest.cli, 'monitor', tree]);
        expect(r.status).toBe(111);
        expect(r.stderr.toString()).toBe(
          `svtui monitor: fatal: unable to write in ${tree}/web/supervise: access denied (run svtui monitor as the user that supervises ${tree})\n`,
        );
        expect(existsSync(join(tree, '.svtui', 'monitor.lock'))).toBe(false);
      } finally {
        await stopProcess(supervisor);
        for (const pid of processesIn(tree)) if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
    }, 60_000);
  },
);
