// The status line's text, outside React so the composition root can report what an action did
// (it learns the outcome later, from the status file). Listeners are told synchronously: a
// message is one update, not a stream.

type Listener = () => void;

export class MessageStore {
  private text = '';
  private listeners = new Set<Listener>();

  set(text: string): void {
    if (text === this.text) return;
    this.text = text;
    for (const listener of [...this.listeners]) listener();
  }

  getSnapshot = (): string => this.text;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
