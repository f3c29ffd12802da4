// The states a well-behaved service never shows: a service that ignores TERM stays up after
// `svc -d` ("want down"), can be paused there, and only `svc -k` takes it down. svtui svc drives
// each real supervisor; svtui svstat must print what the real svstat prints at every step.
import type { ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeSupervisor } from '../../src/control/index.js';
import { waitFor } from '../support/processes.js';
import { haveTools, runCli, tempDir } from '../support/tools.js';
import { normaliseSeconds, sideBySide } from './fake-service.js';
import { makeService, shutdown, status, supervisors } from './supervisors.js';

const STUBBORN = "#!/bin/sh\ntrap '' TERM\nexec sleep 1000\n";

describe.each(supervisors)('a TERM-ignoring service under $name', (supervisor) => {
  const present = haveTools(...supervisor.tools, 'svc', 'svstat');
  let root = '';
  let dir = '';
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    if (!present) return;
    root = tempDir('svtui-states-');
    dir = makeService(root, 'sv', false, STUBBORN);
    child = supervisor.start(root);
    await waitFor(() => (status(dir)?.pid ?? 0) !== 0 && probeSupervisor(dir).running);
  });

  afterAll(async () => {
    if (child) await shutdown(supervisor, child, root, false);
  });

  const svc = (letters: string) => {
    const sent = runCli(['svc', letters, 'sv'], { cwd: root });
    expect(sent.stderr.toString()).toBe('');
    expect(sent.status).toBe(0);
  };
  const svstat = () => {
    const { real, ours } = sideBySide('svstat', ['sv'], root);
    expect(normaliseSeconds(ours)).toEqual(normaliseSeconds(real));
    return ours.stdout.replace(/\d+ seconds/, 'N seconds');
  };

  it.skipIf(!present)(
    '-d: still up, want down; -p: paused too; a down file: normally down',
    async () => {
      const pid = status(dir)?.pid ?? 0;
      svc('-d');
      await waitFor(() => status(dir)?.want === 'down');
      await new Promise((r) => setTimeout(r, 200));
      expect(status(dir)?.pid).toBe(pid);
      expect(svstat()).toBe(`sv: up (pid ${pid}) N seconds, want down\n`);
      svc('-p');
      await waitFor(() => status(dir)?.paused);
      expect(svstat()).toBe(`sv: up (pid ${pid}) N seconds, paused, want down\n`);
      writeFileSync(join(dir, 'down'), '');
      expect(svstat()).toBe(`sv: up (pid ${pid}) N seconds, normally down, paused, want down\n`);
    },
  );

  it.skipIf(!present)('-k takes it down and it stays down', async () => {
    svc('-k');
    await waitFor(() => status(dir)?.pid === 0);
    expect(svstat()).toBe('sv: down N seconds\n');
    rmSync(join(dir, 'down'));
    expect(svstat()).toBe('sv: down N seconds, normally up\n');
  });
});
