// The starts of every slot of a tree, run in the order they were asked for, a slice at a time.
// Node's spawn returns only once the child has exec'd: a few milliseconds each on a busy machine.
// When 200 services crash together, running every start where it is decided (an exit, a
// throttle timer) held the event loop for seconds at a stretch, and kept it there while new exits
// arrived: SIGTERM to `svtui scan`, control bytes and exits waited behind whole batches (a crash
// storm ignored TERM for minutes). Here each turn of the loop runs starts for at most `sliceMs`,
// then lets the loop poll before the next slice. A lone restart runs in the same turn as the exit
// that asked for it (setImmediate: the check phase right after the poll), so it waits for nothing.

/** How long one turn of the event loop may spend starting processes. */
export const START_SLICE_MS = 20;

export class StartQueue {
  private readonly pending: (() => void)[] = [];
  private next = 0;
  private scheduled = false;

  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly sliceMs = START_SLICE_MS,
    private readonly later: (run: () => void) => void = (run) => void setImmediate(run),
  ) {}

  /** Queued, not yet run. */
  get size(): number {
    return this.pending.length - this.next;
  }

  push(start: () => void): void {
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
