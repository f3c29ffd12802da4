// The writer of supervise/svtui-events: appends encoded lines, and when the next line would take
// the file past maxBytes, renames it to svtui-events.old (replacing the older one) and starts a
// new one — at most about twice maxBytes on disk per service. Appends are serialised per log, so
// lines never interleave; a failed write is reported to `onError` and the line dropped (events
// are a record, not the service's data: the engine must never stall on a full disk). The file
// stays open between lines (a crash storm writes two per restart); close() lets it go.
import { fstatSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KeptFile } from '../adapters/kept-file.js';
import { encodeEvent, type HealthEvent } from './event.js';

export const EVENTS_FILE = 'svtui-events';
export const DEFAULT_EVENTS_MAX_BYTES = 256 * 1024;

export class EventLog {
  readonly path: string;
  private size = 0;
  private readonly file: KeptFile;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    superviseDir: string,
    private readonly maxBytes = DEFAULT_EVENTS_MAX_BYTES,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.path = join(superviseDir, EVENTS_FILE);
    this.file = new KeptFile(() => this.path, 'a');
  }

  /** Queue one event; the promise settles when it is written (or dropped). */
  append(event: HealthEvent): Promise<void> {
    const line = encodeEvent(event);
    this.queue = this.queue
      .then(() => this.write(line))
      .catch((error: Error) => {
        this.close();
        this.onError(error);
      });
    return this.queue;
  }

  /** Let the file go (the service left the tree); a later line opens it again. */
  close(): void {
    this.file.close();
  }

  /**
   * Synchronous, in the microtask after the event: a line is a few dozen bytes, and a write on
   * the main thread costs a tenth of what fs/promises' trips through the thread pool cost in CPU
   * (a fifth of an open, write and close each time) — in a crash storm every start and exit of
   * 200 services is a line. A file removed meanwhile (an operator clearing it) is made again.
   */
  private write(line: string): void {
    const bytes = Buffer.byteLength(line);
    let opened = this.file.open();
    if (opened.fresh) this.size = fstatSync(opened.fd).size;
    if (this.size > 0 && this.size + bytes > this.maxBytes) {
      this.file.close();
      renameSync(this.path, `${this.path}.old`);
      opened = this.file.open();
      this.size = 0;
    }
    writeSync(opened.fd, line);
    this.size += bytes;
  }
}
