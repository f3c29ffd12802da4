// A count that goes on as its log grows: once a SearchRun's count has ended, each change of the
// directory counts on from where it stopped (SearchRun.countOn), on this thread in slices — the
// new lines of a followed log are few. Changes that come while it counts, or sooner than
// `everyMs` after the last pass began, are taken in one pass; a cancelled run counts no more.
import type { SearchProgress, SearchRun } from './search-run.js';

/** 250 ms: "X hidden" and "hit X of Y" move with a followed log about as often as it is drawn. */
export const COUNT_ON_MS = 250;

export class CountOn {
  private ready = false;
  private pending = false;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private lastPass = -Infinity;

  constructor(
    private readonly run: SearchRun,
    private readonly report: (progress: SearchProgress) => void,
    private readonly everyMs = COUNT_ON_MS,
    private readonly now: () => number = Date.now,
  ) {
    run.onCancel(() => this.stop());
  }

  /** The first count's end: counting on starts once it is done (never after a cancel). */
  after(count: Promise<SearchProgress>): this {
    void count.then((progress) => {
      if (!progress.done || this.run.cancelled) return;
      this.ready = true;
      if (this.pending) this.changed();
    });
    return this;
  }

  /** The directory changed. */
  changed(): void {
    if (this.run.cancelled) return;
    this.pending = true;
    if (!this.ready || this.running || this.timer) return;
    const wait = Math.max(0, this.lastPass + this.everyMs - this.now());
    this.timer = setTimeout(() => void this.pass(), wait);
    this.timer.unref();
  }

  /** No more counting: the run cancelled, no pass waiting. */
  cancel(): void {
    this.run.cancel();
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
  }

  /** One pass, and another if the directory changed meanwhile. */
  private async pass(): Promise<void> {
    this.timer = undefined;
    this.pending = false;
    this.running = true;
    this.lastPass = this.now();
    try {
      const progress = await this.run.countOn((p) => {
        if (!this.run.cancelled) this.report(p);
      });
      if (progress.cancelled) return;
    } finally {
      this.running = false;
    }
    if (this.pending) this.changed();
  }
}
