// The starts of every slot of a tree, run in the order they were asked for, a slice at a time.
// Node's spawn returns only once the child has exec'd: a few milliseconds each on a busy machine.
// When 200 services crash together, running every start where it is decided (an exit, a
// throttle timer) held the event loop for seconds at a stretch, and kept it there while new exits
// arrived: SIGTERM to `svtui scan`, control bytes and exits waited behind whole batches (a crash
// storm ignored TERM for minutes). Here each turn of the loop runs starts for at most `sliceMs`,
// then lets the loop poll before the next slice. A lone restart runs at once, where it is asked
// for, so it waits for nothing; past the slice, starts wait for the check phase of the turn
// (setImmediate) or a later one.

/** How long one turn of the event loop may spend starting processes. */
export const START_SLICE_MS = 20;

export class StartQueue {
  private readonly pending: (() => void)[] = [];
  private next = 0;
  private scheduled = false;
  /** Time spent on starts run at once during this turn of the loop (reset at its check phase). */
  private spent = 0;
  private counting = false;

  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly sliceMs = START_SLICE_MS,
    private readonly later: (run: () => void) => void = (run) => void setImmediate(run),
  ) {}

  /** Queued, not yet run. */
  get size(): number {
    return this.pending.length - this.next;
  }

  /**
   * Run `start` now if nothing waits and this turn's slice is not spent (a lone restart starts
   * before its exit's files are written); else queue it for the next slice.
   */
  push(start: () => void): void {
    if (!this.scheduled && this.spent < this.sliceMs) {
      if (!this.counting) {
        this.counting = true;
        this.later(() => {
          this.spent = 0;
          this.counting = false;
        });
      }
      const t0 = this.clock();
      try {
        start();
      } finally {
        this.spent += this.clock() - t0;
      }
      return;
    }
    this.pending.push(start);
    if (this.scheduled) return;
    this.scheduled = true;
    this.later(() => this.run());
  }

  private run(): void {
    const until = this.clock() + this.sliceMs;
    try {
      do {
        const start = this.pending[this.next++];
        start?.();
      } while (this.next < this.pending.length && this.clock() < until);
    } finally {
      this.pending.splice(0, this.next);
      this.next = 0;
      if (this.pending.length > 0) this.later(() => this.run());
      else this.scheduled = false;
    }
  }
}
