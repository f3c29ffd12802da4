// The status line's text, outside React so the composition root can report what an action did
// (it learns the outcome later, from the status file). Listeners are told synchronously: a
// message is one update, not a stream. A message clears itself after `fadeMs` (one timer, armed
// only while a message is shown, so an idle console stays idle); a sticky message is the
// standing text shown whenever no newer message is.

type Listener = () => void;

export interface MessageOptions {
  /** Stays until replaced by another sticky message; shown again once a newer one fades. */
  sticky?: boolean;
}

/** How long an action's outcome stays on the status line. */
export const MESSAGE_FADE_MS = 15_000;

export class MessageStore {
  private text = '';
  private standing = '';
  private shown = '';
  private timer: NodeJS.Timeout | undefined;
  private listeners = new Set<Listener>();

  constructor(private readonly fadeMs = MESSAGE_FADE_MS) {}

  set(text: string, options: MessageOptions = {}): void {
    if (options.sticky) this.standing = text;
    else {
      this.text = text;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      if (text && this.fadeMs > 0) {
        this.timer = setTimeout(() => this.set(''), this.fadeMs);
        this.timer.unref();
      }
    }
    const shown = this.text || this.standing;
    if (shown === this.shown) return;
    this.shown = shown;
    for (const listener of [...this.listeners]) listener();
  }

  /** Stop the fade timer (the console is closing). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  getSnapshot = (): string => this.shown;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
