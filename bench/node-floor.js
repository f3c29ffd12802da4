// The least a supervisor written in Node can spend on a crash storm, for storm.bench.js to show
// beside svtui scan: each service of DIR is spawned as svtui spawns it (`./run`, its directory as
// cwd, a new session, stdio to /dev/null) and spawned again once it exits, a second after its last
// start — no state machine, no status or history file, no control FIFO, no timers but the
// throttle's. What it costs is what Node's spawn (libuv's fork of a Node-sized process, then its
// wait for the child's exec) costs. `node --max-semi-space-size=2 bench/node-floor.js DIR`.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const tree = process.argv[2];
function start(dir) {
  const at = Date.now();
  const child = spawn('./run', [], { cwd: dir, stdio: 'ignore', detached: true });
  child.once('exit', () => setTimeout(() => start(dir), Math.max(0, at + 1000 - Date.now())));
}
for (const name of readdirSync(tree)) if (!name.startsWith('.')) start(join(tree, name));
process.on('SIGTERM', () => process.exit(0));
