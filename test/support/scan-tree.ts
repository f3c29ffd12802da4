// A tree of shell services under a real `svtui scan`, for the console's e2e tests: it resolves
// once scan holds every service (before that, nothing supervises the tree and a console given
// DIR would become its supervisor, embedded, instead of attaching). The scanner is stopped by pid
// when the test file ends.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, waitFor } from './processes.js';
import { cli } from './tools.js';

/** `services`: [name, body of ./run after `#!/bin/sh`]. */
export async function scanTree(tree: string, services: readonly (readonly [string, string])[]) {
  for (const [name, run] of services) {
    mkdirSync(join(tree, name), { recursive: true });
    writeFileSync(join(tree, name, 'run'), `#!/bin/sh\n${run}\n`);
    chmodSync(join(tree, name, 'run'), 0o755);
  }
  startProcess(process.execPath, [cli, 'scan', tree]);
  await waitFor(() => services.every(([n]) => existsSync(join(tree, n, 'supervise/ok'))), 8000);
}
