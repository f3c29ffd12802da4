// multilog's processor (spec §4.5): after a rotation, `/bin/sh -c PROCESSOR` in the log directory
// with previous on stdin, processed on stdout, state on fd 4 and newstate on fd 5. A failure or a
// crash is warned about and retried after a pause; on success processed is synced and made 0744,
// previous removed and newstate renamed to state. The caller then keeps processed as `@….s`.
import { constants as C } from 'node:fs';
import { join } from 'node:path';
import type { DirectorySpec } from './types.js';
import { describeError } from '../codec/errors.js';
import { retrying, type Context } from './pause.js';

const TRUNC = C.O_WRONLY | C.O_NONBLOCK | C.O_TRUNC | C.O_CREAT;
const READ = C.O_RDONLY | C.O_NONBLOCK;
/** stdin, stdout, fd 4 and fd 5 of the processor. */
const FILES: [string, number][] = [
  ['previous', READ],
  ['processed', TRUNC],
  ['state', READ],
  ['newstate', TRUNC],
];

export async function runProcessor(
  ctx: Context,
  spec: DirectorySpec,
  command: string,
): Promise<void> {
  const { port } = ctx;
  const name = spec.name;
  const file = (entry: string) => join(spec.path, entry);
  for (;;) {
    // multilog's child opens these; if one cannot be opened (state removed, say) the child says
    // `unable to run PROC: ERR` and exits 111, which the parent takes as a failed processor.
    let fds;
    const opened: number[] = [];
    try {
      for (const [entry, flags] of FILES) opened.push(port.open(file(entry), flags, 0o644));
      const [stdin, stdout, state, newState] = opened as [number, number, number, number];
      fds = { stdin, stdout, state, newState };
    } catch (error) {
      for (const fd of opened) port.close(fd);
      ctx.warn(`multilog: fatal: unable to run ${command}: ${describeError(error)}\n`);
      ctx.warn(`multilog: warning: processor failed in ${name}, pausing\n`);
      await port.sleep(ctx.pauseMs);
      continue;
    }
    const exit = await port.runProcessor(command, spec.path, fds);
    port.close(fds.stdin);
    port.close(fds.state);
    if (exit.code === 0) {
      await retrying(ctx, `sync ${name}/processed`, () => port.fsync(fds.stdout));
      await retrying(ctx, `set mode of ${name}/processed`, () => port.fchmod(fds.stdout, 0o744));
      await retrying(ctx, `sync ${name}/newstate`, () => port.fsync(fds.newState));
      port.close(fds.stdout);
      port.close(fds.newState);
      break;
    }
    port.close(fds.stdout);
    port.close(fds.newState);
    // A crash is warned about with whatever errno multilog last had, paused on, and then, as its
    // exit code is not 0 either, warned about and paused on again as a failure.
    if (exit.signal) {
      ctx.warn(
        `multilog: warning: processor crashed in ${name}, pausing: ${ctx.staleError ?? 'file does not exist'}\n`,
      );
      await port.sleep(ctx.pauseMs);
    }
    ctx.warn(`multilog: warning: processor failed in ${name}, pausing\n`);
    await port.sleep(ctx.pauseMs);
  }
  await retrying(ctx, `remove ${name}/previous`, () => port.unlink(file('previous')));
  await retrying(ctx, `rename newstate to state in directory ${name}`, () =>
    port.rename(file('newstate'), file('state')),
  );
}
