// What follows from the rows a built screen shows: the source is told which services they are
// (it reads their figures first, and every service's when the table is sorted by a figure), and
// one timer is armed for the next moment a time they show changes by itself ("59 s" → "1 min").
import type { ServiceRow } from '../store/model.js';
import type { TreeSource } from '../source/port.js';
import { msUntilChange } from '../screen/format.js';

/** Sort keys whose order needs every service's resource figures. */
const FIGURE_SORTS: ReadonlySet<string> = new Set(['cpu', 'mem']);

export interface OnScreenPorts {
  source: Pick<TreeSource, 'setInterest'>;
  now(): number;
  /** Re-render when a shown time changes by itself; 0 turns that off. */
  tickMs: number;
  /** A shown time changed. */
  tick(): void;
}

export class OnScreen {
  private interest = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ports: OnScreenPorts) {}

  shown(rows: readonly ServiceRow[], sortKey: string): void {
    const interest = rows.map((r) => r.id);
    // Sorted by a figure: every row's place depends on it, not only the rows on screen.
    const allFigures = FIGURE_SORTS.has(sortKey);
    const key = `${allFigures}\n${interest.join('\n')}`;
    if (key !== this.interest) {
      this.interest = key;
      this.ports.source.setInterest(interest, { allFigures });
    }
    const { tickMs } = this.ports;
    if (tickMs <= 0) return;
    const now = this.ports.now();
    let delay = Infinity;
    for (const row of rows) delay = Math.min(delay, msUntilChange(row, now));
    this.stop();
    if (!Number.isFinite(delay)) return;
    this.timer = setTimeout(() => this.ports.tick(), Math.max(50, delay) + 5);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
