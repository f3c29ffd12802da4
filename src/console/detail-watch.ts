// The service view's facts while it is open: read from the source when it opens, then every 2 s
// (the supervisor's history gains a sample that often). The first answer settles `open`'s promise
// (the controller draws the view once, with its facts, instead of a "reading…" frame and then the
// view); later answers are handed to `changed`, and `keptEvent` keeps the view's selection on its
// event. Closing stops the reads, and an answer for a view closed meanwhile is dropped.
import type { Fact, ServiceDetail, ServiceId, TreeSource } from '../source/port.js';
import type { UiState } from '../store/ui-state.js';
import { viewEvents } from '../screen/service-view.js';

export type DetailFacts = ServiceDetail | Fact;

export class DetailWatch {
  private id: ServiceId | undefined;
  private facts: DetailFacts | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly source: TreeSource,
    /** A later reading came in; `before` is what the view showed until now. */
    private readonly changed: (before: DetailFacts | undefined) => void,
    private readonly everyMs = 2000,
  ) {}

  /** The facts of the open view (undefined while the first reading is on its way). */
  current(id: ServiceId): DetailFacts | undefined {
    return id === this.id ? this.facts : undefined;
  }

  /** Open (or re-open) the view of `id`; settles once its first facts are in (or it closed). */
  open(id: ServiceId): Promise<void> {
    if (id !== this.id) this.facts = undefined;
    this.id = id;
    if (this.everyMs > 0 && !this.timer) {
      this.timer = setInterval(() => void this.read(false), this.everyMs);
      this.timer.unref();
    }
    return this.read(true);
  }

  close(): void {
    this.id = undefined;
    this.facts = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private read(first: boolean): Promise<void> {
    // One reading at a time; the view opening waits for the one under way, then reads its own.
    if (this.reading) return first ? this.reading.then(() => this.read(true)) : this.reading;
    const id = this.id;
    if (id === undefined) return Promise.resolve();
    const reading = this.source
      .detail(id)
      .catch((error: Error): Fact => ({ code: 'unreadable', text: error.message }))
      .then((facts) => {
        this.reading = undefined;
        if (id !== this.id) return;
        const before = this.facts;
        this.facts = facts;
        if (!first) this.changed(before);
      });
    this.reading = reading;
    return reading;
  }
}

/** New events above the selected one: the selection stays on the event, not on the row. */
export function keptEvent(
  ui: UiState,
  before: DetailFacts | undefined,
  watch: Pick<DetailWatch, 'current'>,
): UiState {
  const view = ui.overlay;
  if (view.kind !== 'service') return ui;
  const was = viewEvents(before)[view.event];
  if (!was) return ui;
  const now = viewEvents(watch.current(view.id));
  const event = now.findIndex((e) => e.atMs === was.atMs && e.kind === was.kind);
  return event >= 0 && event !== view.event ? { ...ui, overlay: { ...view, event } } : ui;
}
