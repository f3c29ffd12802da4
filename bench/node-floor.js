// The least a supervisor written in Node can spend on a crash storm, for storm.bench.js to show
// beside svtui scan: each service of DIR is started as svtui starts it (`./run`, its directory
// as cwd, a new session, stdio to /dev/null) and started again once it exits, a second after its
// last start — no state machine, no status or history file, no control FIFO, no timers but the
// throttle's. `node --max-semi-space-size=2 bench/node-floor.js DIR [posix]`: with Node's
// child_process (libuv's fork of a Node-sized process, then its wait for the child's exec), or
// with `posix` through svtui's native starter (posix_spawn, and a pidfd for the exit) — what a
// start costs svtui scan at the least, either way; what it spends above that is its own.
import { spawn } from 'node:child_process';
import { openSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [tree, how] = process.argv.slice(2);
const native =
  how === 'posix' ? createRequire(import.meta.url)('../build/Release/svtui_spawn.node') : undefined;
const devNull = openSync('/dev/null', 'r+');

function start(dir) {
  const at = Date.now();
  const again = () => setTimeout(() => start(dir), Math.max(0, at + 1000 - Date.now()));
  if (native) native.spawn('./run', ['./run'], dir, [devNull, devNull, devNull], again);
  else spawn('./run', [], { cwd: dir, stdio: 'ignore', detached: true }).once('exit', again);
}
for (const name of readdirSync(tree)) if (!name.startsWith('.')) start(join(tree, name));
process.on('SIGTERM', () => process.exit(0));
