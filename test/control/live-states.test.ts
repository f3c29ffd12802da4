// The states a well-behaved service never shows: a service that ignores TERM stays up after
// `svc -d` ("want down"), can be paused there, and only `svc -k` takes it down. svtui svc drives
// each real supervisor; svtui svstat must print what the real svstat prints at every step.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { normaliseSeconds, sideBySide } from './fake-service.js';
import { liveService, status, supervisors } from './supervisors.js';

const STUBBORN = "#!/bin/sh\ntrap '' TERM\nexec sleep 1000\n";

describe.each(supervisors)('a TERM-ignoring service under $name', (supervisor) => {
  const live = liveService(supervisor, 'svtui-states-', { run: STUBBORN });
  const { present, svc } = live;
  const svstat = () => {
    const { real, ours } = sideBySide('svstat', ['sv'], live.root);
    expect(normaliseSeconds(ours)).toEqual(normaliseSeconds(real));
    return ours.stdout.replace(/\d+ seconds/, 'N seconds');
  };

  it.skipIf(!present)(
    '-d: still up, want down; -p: paused too; a down file: normally down',
    async () => {
      const pid = status(live.dir)?.pid ?? 0;
      svc('-d');
      await waitFor(() => status(live.dir)?.want === 'down');
      await new Promise((r) => setTimeout(r, 200));
      expect(status(live.dir)?.pid).toBe(pid);
      expect(svstat()).toBe(`sv: up (pid ${pid}) N seconds, want down\n`);
      svc('-p');
      await waitFor(() => status(live.dir)?.paused);
      expect(svstat()).toBe(`sv: up (pid ${pid}) N seconds, paused, want down\n`);
      writeFileSync(join(live.dir, 'down'), '');
      expect(svstat()).toBe(`sv: up (pid ${pid}) N seconds, normally down, paused, want down\n`);
    },
  );

  it.skipIf(!present)('-k takes it down and it stays down', async () => {
    svc('-k');
    await waitFor(() => status(live.dir)?.pid === 0);
    expect(svstat()).toBe('sv: down N seconds\n');
    rmSync(join(live.dir, 'down'));
    expect(svstat()).toBe('sv: down N seconds, normally up\n');
  });
});
