// `npm install`'s step for the native process starter (native/spawn.c, binding.gyp): built with
// node-gyp against this Node's own headers. It never fails the install: without a compiler (or
// off Linux) it says so in one line, and svtui starts services with Node's child_process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const built = join(root, 'build', 'Release', 'svtui_spawn.node');

function fallBack(reason) {
  console.warn(
    `svtui: native process starter not built (${reason}); services will be started with Node's child_process`,
  );
  process.exit(0);
}

if (process.platform !== 'linux') fallBack(`${process.platform} is not Linux`);
// npm names its own node-gyp in the environment of install scripts; else the one beside npm.
const gyp =
  process.env.npm_config_node_gyp ??
  join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
if (!existsSync(gyp)) fallBack('node-gyp not found');
const args = [gyp, 'rebuild'];
// Node's headers where Node is installed: node-gyp would otherwise download them.
const prefix = resolve(dirname(process.execPath), '..');
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h')))
  args.push(`--nodedir=${prefix}`);
const run = spawnSync(process.execPath, args, {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
});
if (run.status === 0 && existsSync(built)) process.exit(0);
const said = `${run.stderr ?? ''}`.split('\n').filter((l) => /error|not found|ERR!/i.test(l));
fallBack(run.error?.message ?? said[0]?.trim() ?? `node-gyp exited ${run.status}`);
