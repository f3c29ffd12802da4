// `svtui scan DIR`: the supervisor alone, in the foreground, for init or systemd. A thin wrapper
// around startSupervisor: TERM and INT stop every service (loggers last) and exit 0; HUP rescans.
import { statSync } from 'node:fs';
import { describeError } from '../codec/errors.js';
import { startSupervisor } from '../supervisor/index.js';

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
  const warn = (line: string) => process.stderr.write(`${PROG}: warning: ${line}\n`);
  let supervisor;
  try {
    supervisor = await startSupervisor({ dir, stderr: warn });
  } catch (error) {
    process.stderr.write(`${PROG}: fatal: ${(error as Error).message}\n`);
    return 111;
  }
  const running = supervisor;
  return new Promise<number>((resolve) => {
    const stop = () => void running.stop().then(() => resolve(0));
    const rescan = () => void running.rescan();
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.on('SIGHUP', rescan);
  });
}
