// `svtui monitor DIR`: health checks, resource rules, history and alerts for a tree svscan,
// runsvdir or s6-svscan supervises, in the foreground. TERM and INT stop it cleanly: checks
// still running are killed, state is saved, the lock is released, exit 0. A refusal (svtui scan's
// tree, no permission to write, another monitor) is one line on stderr and exit 111.
import { startTreeMonitor, type TreeMonitor } from '../tree-monitor/index.js';

const PROG = 'svtui monitor';

export async function run(args: string[]): Promise<number> {
  if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
    process.stderr.write(`${PROG}: usage: svtui monitor DIR\n`);
    return 100;
  }
  const dir = args[0];
  const warn = (line: string) => process.stderr.write(`${PROG}: warning: ${line}\n`);
  const running: { monitor?: TreeMonitor } = {};
  let stopRequested = false;
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const stop = () => {
    stopRequested = true;
    void running.monitor?.stop().then(() => finish(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const started = await startTreeMonitor({ dir, warn }).catch((error: Error) => ({
    refused: error.message,
  }));
  if ('refused' in started) {
    process.stderr.write(`${PROG}: fatal: ${started.refused}\n`);
    process.removeListener('SIGTERM', stop);
    process.removeListener('SIGINT', stop);
    return 111;
  }
  running.monitor = started;
  if (!started.supervisor) {
    warn(`nothing supervises ${dir} yet: checks wait for svscan, runsvdir or s6-svscan`);
  }
  if (stopRequested) stop();
  return finished;
}
