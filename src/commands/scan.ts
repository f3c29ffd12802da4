// `svtui scan DIR`: the supervisor alone, in the foreground, for init or systemd. A thin wrapper
// around startSupervisor: TERM and INT stop every service (loggers last) and exit 0; HUP rescans.
// The handlers are installed before the first scan, so a TERM during start-up is not lost.
import { statSync } from 'node:fs';
import { describeError } from '../codec/errors.js';
import { startSupervisor, type Supervisor } from '../supervisor/index.js';

const PROG = 'svtui scan';

export async function run(args: string[]): Promise<number> {
  if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
    process.stderr.write(`${PROG}: usage: svtui scan DIR\n`);
    return 100;
  }
  const dir = args[0];
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (error) {
    process.stderr.write(`${PROG}: fatal: unable to chdir to ${dir}: ${describeError(error)}\n`);
    return 111;
  }
  let supervisor: Supervisor | undefined;
  let stopRequested = false;
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const stop = () => {
    stopRequested = true;
    void supervisor?.stop().then(() => finish(0));
  };
  const rescan = () => void supervisor?.rescan();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', rescan);
  try {
    supervisor = await startSupervisor({
      dir,
      inheritStdio: true,
      stderr: (line) => process.stderr.write(`${PROG}: warning: ${line}\n`),
    });
  } catch (error) {
    process.stderr.write(`${PROG}: fatal: ${(error as Error).message}\n`);
    process.removeListener('SIGTERM', stop);
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGHUP', rescan);
    return 111;
  }
  if (stopRequested) stop();
  return finished;
}
