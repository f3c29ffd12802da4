// The writer of supervise/svtui-events: appends encoded lines, and when the next line would take
// the file past maxBytes, renames it to svtui-events.old (replacing the older one) and starts a
// new one — at most about twice maxBytes on disk per service. Appends are serialised per log, so
// lines never interleave; a failed write is reported to `onError` and the line dropped (events
// are a record, not the service's data: the engine must never stall on a full disk).
import { appendFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { encodeEvent, type HealthEvent } from './event.js';

export const EVENTS_FILE = 'svtui-events';
export const DEFAULT_EVENTS_MAX_BYTES = 256 * 1024;

export class EventLog {
  readonly path: string;
  private size: number | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    superviseDir: string,
    private readonly maxBytes = DEFAULT_EVENTS_MAX_BYTES,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.path = join(superviseDir, EVENTS_FILE);
  }

  /** Queue one event; the promise settles when it is written (or dropped). */
  append(event: HealthEvent): Promise<void> {
    const line = encodeEvent(event);
    this.queue = this.queue
      .then(() => this.write(line))
      .catch((error: Error) => {
        this.size = undefined;
        this.onError(error);
      });
    return this.queue;
  }

  /**
   * Synchronous, in the microtask after the event: a line is a few dozen bytes, and open, write
   * and close on the main thread cost a tenth of what fs/promises' three trips through the
   * thread pool cost in CPU — in a crash storm every start and exit of 200 services is a line.
   */
  private write(line: string): void {
    const bytes = Buffer.byteLength(line);
    this.size ??= sizeOf(this.path);
    if (this.size > 0 && this.size + bytes > this.maxBytes) {
      renameSync(this.path, `${this.path}.old`);
      this.size = 0;
    }
    appendFileSync(this.path, line);
    this.size += bytes;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
