// The service view's facts while it is open: read from the source when it opens, then every 2 s
// (the supervisor's history gains a sample that often), each answer handed on; closing stops the
// reads, and an answer for a view closed meanwhile is dropped.
import type { Fact, ServiceDetail, ServiceId, TreeSource } from '../source/port.js';

export type DetailFacts = ServiceDetail | Fact;

export class DetailWatch {
  private id: ServiceId | undefined;
  private facts: DetailFacts | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(
    private readonly source: TreeSource,
    private readonly changed: () => void,
    private readonly everyMs = 2000,
  ) {}

  /** The facts of the open view (undefined while the first reading is on its way). */
  current(id: ServiceId): DetailFacts | undefined {
    return id === this.id ? this.facts : undefined;
  }

  open(id: ServiceId): void {
    if (id !== this.id) this.facts = undefined;
    this.id = id;
    void this.read();
    if (this.everyMs > 0 && !this.timer) {
      this.timer = setInterval(() => void this.read(), this.everyMs);
      this.timer.unref();
    }
  }

  close(): void {
    this.id = undefined;
    this.facts = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async read(): Promise<void> {
    const id = this.id;
    if (id === undefined || this.reading) return;
    this.reading = true;
    try {
      const facts = await this.source
        .detail(id)
        .catch((error: Error): Fact => ({ code: 'unreadable', text: error.message }));
      if (id !== this.id) return;
      this.facts = facts;
      this.changed();
    } finally {
      this.reading = false;
    }
  }
}
