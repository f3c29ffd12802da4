// svtui svc's signal letters reach the service under each real supervisor: -h HUP, -a ALRM,
// -i INT (a trapping shell records each), and -o runs a downed service once.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { normaliseSeconds, sideBySide } from './fake-service.js';
import { liveService, status, supervisors } from './supervisors.js';

const TRAPPING = [
  '#!/bin/sh',
  "trap 'echo HUP >>got' HUP",
  "trap 'echo ALRM >>got' ALRM",
  "trap 'echo INT >>got' INT",
  'while :; do sleep 0.05; done',
  '',
].join('\n');

describe.each(supervisors)('signal letters under $name', (supervisor) => {
  const live = liveService(supervisor, 'svtui-signals-', { run: TRAPPING });
  const { present, svc } = live;
  const got = () => {
    const file = join(live.dir, 'got');
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
    await waitFor(() => status(live.dir)?.pid === 0);
    svc('-o');
    await waitFor(() => (status(live.dir)?.pid ?? 0) !== 0);
    expect(status(live.dir)?.want).not.toBe('up');
    const { real, ours } = sideBySide('svstat', ['sv'], live.root);
    expect(normaliseSeconds(ours)).toEqual(normaliseSeconds(real));
    expect(ours.stdout).toMatch(/^sv: up \(pid \d+\) \d+ seconds(, want down)?\n$/);
  });
});
