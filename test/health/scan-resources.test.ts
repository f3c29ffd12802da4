// A resource rule under svtui scan's supervisor reads the tree's resource recorder: a CPU burner
// with `if cpu > 50% for 2 cycles then alert` gets its alert, and the figure in the event is the
// mean of the CPU the service's supervise/svtui-resources holds for that cycle. Every process is
// stopped by pid.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodeEvents } from '../../src/health/index.js';
import { readResourceHistory } from '../../src/resources/index.js';
import { startSupervisor } from '../../src/supervisor/index.js';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import { makeService, remember, script, waitUp } from '../supervisor/helpers.js';

it('a CPU rule fires on a burner with the figures its resource history holds', async () => {
  const tree = tempDir();
  mkdirSync(join(tree, '.svtui'));
  writeFileSync(join(tree, '.svtui', 'monitrc'), 'set daemon 2\n');
  const envFile = join(tree, 'alert.env');
  script(join(tree, '.svtui', 'alert'), `env | grep -E '^(SVTUI|MONIT)_' | sort > ${envFile}`);
  const burner = makeService(tree, 'burner', {
    run: `exec ${JSON.stringify(process.execPath)} -e 'for (;;) {}'`,
  });
  writeFileSync(join(burner, 'monitor'), 'if cpu > 50% for 2 cycles then alert\n');

  const supervisor = await startSupervisor({ dir: tree, stderr: () => {}, graceMs: 300 });
  try {
    const pid = await waitUp(burner);
    remember(pid);
    const env = await waitFor(() => existsSync(envFile) && readFileSync(envFile, 'utf8'), 30_000);
    expect(env).toContain('MONIT_EVENT=Resource limit matched\n');
    const events = decodeEvents(readFileSync(join(burner, 'supervise', 'svtui-events'), 'utf8'));
    const failed = events.find((e) => e.kind === 'check-failed');
    expect(failed).toMatchObject({ rule: { line: 1, column: 1 } });
    const value = failed!.value!;
    expect(value).toBeGreaterThan(50);
    // The same figures: within what the history recorded for the pid (to its 0.1 % steps).
    await supervisor.stop();
    const history = readResourceHistory(join(burner, 'supervise', 'svtui-resources'));
    const cpus = (history.ok ? history.rings[0]!.records : [])
      .filter((r) => r.pid === pid && r.cpuPermille !== undefined)
      .map((r) => r.cpuPermille! / 10);
    expect(cpus.length).toBeGreaterThanOrEqual(2);
    expect(value).toBeGreaterThanOrEqual(Math.min(...cpus) - 0.1);
    expect(value).toBeLessThanOrEqual(Math.max(...cpus) + 0.1);
  } finally {
    await supervisor.stop();
  }
}, 60_000);
