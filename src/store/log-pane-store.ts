// The log pane's lines, outside React. The composition root pushes a new window (already decoded,
// sanitized and cut) whenever the log view changes; listeners hear about it once per batch, so a
// burst of appended lines costs one frame, not one per line.
type Listener = () => void;
type Schedule = (flush: () => void) => void;

export interface LogWindow {
  title: string;
  lines: readonly string[];
  where: string;
  /** The zone the lines' labels were decoded in. */
  zone?: string;
}

export class LogPaneStore {
  private window: LogWindow;
  private listeners = new Set<Listener>();
  private scheduled = false;

  constructor(
    initial: LogWindow = { title: '', lines: [], where: '' },
    private readonly schedule: Schedule = (flush) => setTimeout(flush, 16),
  ) {
    this.window = initial;
  }

  set(window: LogWindow): void {
    this.window = window;
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      for (const listener of [...this.listeners]) listener();
    });
  }

  getSnapshot = (): LogWindow => this.window;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
