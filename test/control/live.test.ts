// svtui svc/svstat against real supervisors: daemontools supervise and runit runsv on temp
// services. Letters sent by svtui svc must have their real effect; svstat output must match the
// real svstat's (seconds normalised). Every supervisor is stopped with svc -dx, then by pid.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeSupervisor, sendControl } from '../../src/control/index.js';
import { waitFor } from '../support/processes.js';
import { normaliseSeconds, sideBySide } from './fake-service.js';
import { exited, liveService, status, supervisors } from './supervisors.js';

describe.each(supervisors)('svtui svc/svstat against $name', (supervisor) => {
  const { logged } = supervisor;
  const live = liveService(supervisor, 'svtui-live-', { logged });
  const { present, svc } = live;

  const svstatMatches = (names = ['sv']) => {
    const { real, ours } = sideBySide('svstat', names, live.root);
    expect(normaliseSeconds(ours)).toEqual(normaliseSeconds(real));
    return ours.stdout;
  };

  it.skipIf(!present)('up: probe, status and svstat agree', () => {
    expect(probeSupervisor(live.dir)).toEqual({ running: true });
    const pid = status(live.dir)?.pid;
    expect(svstatMatches()).toMatch(new RegExp(`^sv: up \\(pid ${pid}\\) \\d+ seconds\\n$`));
  });

  it.skipIf(!present)('-p pauses, -c continues', async () => {
    svc('-p');
    await waitFor(() => status(live.dir)?.paused);
    expect(svstatMatches()).toMatch(/, paused\n$/);
    svc('-c');
    await waitFor(() => status(live.dir)?.paused === false);
    expect(svstatMatches()).not.toMatch(/paused/);
  });

  it.skipIf(!present)('-d brings it down, -u up again with a new pid', async () => {
    const before = status(live.dir)?.pid;
    svc('-d');
    await waitFor(() => status(live.dir)?.pid === 0);
    expect(status(live.dir)?.want).toBe('down');
    expect(svstatMatches()).toMatch(/^sv: down \d+ seconds, normally up\n$/);
    svc('-u');
    const after = await waitFor(() => status(live.dir)?.pid);
    expect(after).not.toBe(before);
    expect(status(live.dir)?.want).toBe('up');
    svstatMatches();
  });

  it.skipIf(!present)('-t restarts it; with a down file svstat says normally down', async () => {
    const before = status(live.dir)?.pid;
    writeFileSync(join(live.dir, 'down'), '');
    svc('-t');
    await waitFor(() => {
      const pid = status(live.dir)?.pid ?? 0;
      return pid !== 0 && pid !== before;
    }, 8000);
    expect(svstatMatches()).toMatch(/, normally down\n$/);
    rmSync(join(live.dir, 'down'));
  });

  it.skipIf(!present || !logged)('the log service, side by side', () => {
    expect(svstatMatches(['sv', 'sv/log'])).toMatch(/\nsv\/log: up \(pid \d+\) \d+ seconds\n$/);
  });

  it.skipIf(!present || !supervisor.exitsOnX)(
    'sendControl and -x: the supervisor exits; then "not running"',
    async () => {
      expect(sendControl(live.dir, 'dx')).toEqual({ ok: true });
      if (logged) expect(sendControl(join(live.dir, 'log'), 'dx')).toEqual({ ok: true });
      if (live.child) await exited(live.child);
      expect(probeSupervisor(live.dir)).toEqual({
        running: false,
        reason: 'supervise not running',
        code: 'ENXIO',
      });
      expect(sendControl(live.dir, 'u')).toMatchObject({
        ok: false,
        reason: 'supervise not running',
      });
      const { real, ours } = sideBySide('svc', ['-u', 'sv'], live.root);
      expect(ours).toEqual(real);
      expect(ours.stderr).toBe('svc: warning: unable to control sv: supervise not running\n');
      expect(svstatMatches()).toBe('sv: supervise not running\n');
    },
  );
});
