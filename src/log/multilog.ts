// A multilog in this process: the script's status files and directories opened in order (spec
// §4.2), then every chunk routed to them. Calls are queued, so write/rotate/close run one at a
// time in the order they were made, whatever pauses happen inside.
import { constants as C } from 'node:fs';
import { resolve } from 'node:path';
import { describeError } from '../codec/errors.js';
import { LogDirectory } from './directory.js';
import type { LogPort } from './fs-port.js';
import type { LogWriter, MultilogOptions } from './types.js';
import { LabelMaker } from './label.js';
import { nodeLogPort } from './node-fs.js';
import { LineRouter, type Routed } from './router.js';
import { parseScript } from './script.js';

const APPEND = C.O_WRONLY | C.O_NONBLOCK | C.O_APPEND | C.O_CREAT;
const WRITE = C.O_WRONLY | C.O_NONBLOCK;
const PAUSE_MS = 5000;

export interface EngineOptions extends MultilogOptions {
  /** The world the logger acts on; default: the real file system, clock and /bin/sh. */
  port?: LogPort;
  /** How long a failure pauses before the retry; multilog's 5 s by default. */
  pauseMs?: number;
  /** Keep one working buffer for every write (the command's big reads); in-process loggers don't. */
  reuseBuffers?: boolean;
}

interface StatusFile {
  name: string;
  fd: number;
}

export class Multilog implements LogWriter {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly router: LineRouter;
  private readonly labels: LabelMaker | undefined;

  constructor(
    private readonly port: LogPort,
    timestamp: boolean,
    router: LineRouter,
    private readonly statusFiles: StatusFile[],
    private readonly directories: LogDirectory[],
    private readonly options: EngineOptions,
  ) {
    this.router = router;
    this.labels = timestamp ? new LabelMaker() : undefined;
  }

  /** Whether the bytes so far end inside a line (TERM then reads to its end). */
  get midLine(): boolean {
    return this.router.midLine;
  }

  write(chunk: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new Error('multilog: write after close'));
    return this.enqueue(async () => {
      if (chunk.length === 0) return;
      const label = this.labels?.labelFor(this.port.now());
      await this.deliver(this.router.push(chunk, label));
    });
  }

  rotate(): Promise<void> {
    return this.enqueue(async () => {
      for (const dir of this.directories) await dir.rotateIfNotEmpty();
    });
  }

  close(): Promise<void> {
    if (this.closed) return this.queue;
    this.closed = true;
    return this.enqueue(async () => {
      await this.deliver(this.router.finish());
      for (const dir of this.directories) await dir.close();
      for (const status of this.statusFiles) this.port.close(status.fd);
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async deliver(routed: Routed): Promise<void> {
    if (routed.alerts) {
      const { alert, stderr } = this.options;
      if (alert) safely(alert)(routed.alerts);
      else safely(stderr)(routed.alerts.toString('utf8'));
    }
    for (let i = 0; i < routed.statuses.length; i++) {
      const content = routed.statuses[i];
      const status = this.statusFiles[i];
      if (content && status) await this.writeStatus(status, content);
    }
    for (let d = 0; d < this.directories.length; d++) {
      const ranges = routed.ranges[d]!;
      const dir = this.directories[d]!;
      for (let r = 0; r < ranges.length; r += 2)
        await dir.append(routed.data, ranges[r]!, ranges[r + 1]!);
    }
  }

  /** Overwrite the first 1001 bytes of a status file; never truncate it (spec §4.3). */
  private async writeStatus(status: StatusFile, content: Buffer): Promise<void> {
    for (let done = 0; done < content.length;) {
      try {
        done += this.port.write(status.fd, content, done, content.length - done, done);
      } catch (error) {
        safely(this.options.stderr)(
          `multilog: warning: unable to write ${status.name}, pausing: ${describeError(error)}\n`,
        );
        await this.port.sleep(this.options.pauseMs ?? PAUSE_MS);
      }
    }
  }
}

/** Start multilog with `args`; a one-line Error for what multilog refuses at start. */
export async function startMultilog(args: string[], options: EngineOptions): Promise<Multilog> {
  const port = options.port ?? nodeLogPort();
  const script = parseScript(args);
  const ctx = {
    port,
    warn: safely(options.stderr),
    pauseMs: options.pauseMs ?? PAUSE_MS,
  };
  const statusFiles: StatusFile[] = [];
  const directories: LogDirectory[] = [];
  try {
    for (const action of script.actions) {
      if (action.kind !== 'status') continue;
      // An empty name stays empty: open("") fails with ENOENT, as multilog's `=` does.
      const path = action.path === '' ? '' : resolve(options.cwd, action.path);
      statusFiles.push(openStatus(port, action.path, path));
    }
    for (const action of script.actions) {
      if (action.kind !== 'directory') continue;
      const spec = { ...action, name: action.path, path: resolve(options.cwd, action.path) };
      directories.push(await LogDirectory.open(spec, ctx));
    }
  } catch (error) {
    for (const status of statusFiles) port.close(status.fd);
    for (const dir of directories) dir.release();
    throw error;
  }
  return new Multilog(
    port,
    script.timestamp,
    new LineRouter(script, options.reuseBuffers),
    statusFiles,
    directories,
    options,
  );
}

/** A diagnostic that cannot be delivered must never stop the logging. */
function safely<T>(stderr: (output: T) => void): (output: T) => void {
  return (output) => {
    try {
      stderr(output);
    } catch {
      // dropped: the log lines matter more than the warning about them
    }
  };
}

function openStatus(port: LogPort, name: string, path: string): StatusFile {
  try {
    port.close(port.open(path, APPEND, 0o600));
  } catch (error) {
    throw new Error(`multilog: fatal: unable to create ${name}: ${describeError(error)}`);
  }
  try {
    return { name, fd: port.open(path, WRITE) };
  } catch (error) {
    throw new Error(`multilog: fatal: unable to write ${name}: ${describeError(error)}`);
  }
}
