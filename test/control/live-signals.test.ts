// svtui svc's signal letters reach the service under each real supervisor: -h HUP, -a ALRM,
// -i INT (a trapping shell records each), and -o runs a downed service once.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeSupervisor } from '../../src/control/index.js';
import { waitFor } from '../support/processes.js';
import { haveTools, runCli, tempDir } from '../support/tools.js';
import { normaliseSeconds, sideBySide } from './fake-service.js';
import { makeService, shutdown, status, supervisors } from './supervisors.js';

const TRAPPING = [
  '#!/bin/sh',
  "trap 'echo HUP >>got' HUP",
  "trap 'echo ALRM >>got' ALRM",
  "trap 'echo INT >>got' INT",
  'while :; do sleep 0.05; done',
  '',
].join('\n');

describe.each(supervisors)('signal letters under $name', (supervisor) => {
  const present = haveTools(...supervisor.tools, 'svstat');
  let root = '';
  let dir = '';
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    if (!present) return;
    root = tempDir('svtui-signals-');
    dir = makeService(root, 'sv', false, TRAPPING);
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
  const got = () => {
    const file = join(dir, 'got');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };

  it.skipIf(!present)('-h, -a, -i each deliver their signal', async () => {
    svc('-h');
    await waitFor(() => got() === 'HUP\n');
    svc('-a');
    await waitFor(() => got() === 'HUP\nALRM\n');
    svc('-i');
    await waitFor(() => got() === 'HUP\nALRM\nINT\n');
  });

  it.skipIf(!present)('-d then -o: up again, not wanted up; svstat as the real one', async () => {
    svc('-d');
    await waitFor(() => status(dir)?.pid === 0);
    svc('-o');
    await waitFor(() => (status(dir)?.pid ?? 0) !== 0);
    expect(status(dir)?.want).not.toBe('up');
    const { real, ours } = sideBySide('svstat', ['sv'], root);
    expect(normaliseSeconds(ours)).toEqual(normaliseSeconds(real));
    expect(ours.stdout).toMatch(/^sv: up \(pid \d+\) \d+ seconds(, want down)?\n$/);
  });
});
