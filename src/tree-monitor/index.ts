// `svtui monitor DIR`: the health engine of `svtui scan` (src/health) on a tree another
// supervisor owns — daemontools' svscan, runit's runsvdir, s6's s6-svscan. The same monitor files,
// .svtui/monitrc and alert hook; the same files in each service's supervise/ (svtui-events,
// svtui-monitor.json, svtui-resources); only the way to the services differs: supervise/status
// read and supervise/control written, as svstat and svc do.
//
//   preflight.ts          refusals before anything starts: svtui scan's tree, no write, a second monitor
//   fs-host.ts            the HealthHost over the file system: names, status polling, control letters
// The resource history and the rules' figures come from src/resources' recorder, as under scan.
import { join } from 'node:path';
import { attachHealth } from '../health/index.js';
import { recordResources } from '../resources/recorder.js';
import { fileSystemHost } from './fs-host.js';
import { preflight } from './preflight.js';

export { LOCK_FILE } from './preflight.js';
export { fileSystemHost, serviceNames, type FsHost } from './fs-host.js';

export interface TreeMonitorOptions {
  dir: string;
  warn: (line: string) => void;
  /** The host's status poll, ms (default 1 s). */
  pollMs?: number;
}

export interface TreeMonitor {
  /** Who supervises the tree, in words; undefined when nothing does yet. */
  supervisor: string | undefined;
  /** Stop checks (their processes killed), save state, close files, release the lock. */
  stop(): Promise<void>;
}

/** Start watching DIR; a refusal is `{ refused: line }`, said by the caller in one line. */
export async function startTreeMonitor(
  options: TreeMonitorOptions,
): Promise<TreeMonitor | { refused: string }> {
  const checked = await preflight(options.dir);
  if (!checked.ok) return { refused: checked.line };
  const { warn } = options;
  const host = fileSystemHost({
    dir: options.dir,
    warn,
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
  });
  const recorder = recordResources({
    superviseDir: (name) => join(options.dir, name, 'supervise'),
    services: () =>
      host.names().map((name) => ({
        name,
        pid: host.process(name)?.pid ?? 0,
        starts: host.starts(name),
      })),
    warn,
  });
  let health;
  try {
    health = await attachHealth(host, { warn, resources: recorder });
  } catch (error) {
    host.stop();
    recorder.stop();
    checked.lock.release();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    supervisor: checked.supervisor,
    stop() {
      stopped ??= (async () => {
        host.stop();
        recorder.stop();
        await health.stop();
        checked.lock.release();
      })();
      return stopped;
    },
  };
}
