// Carrying out a control letter for the console: send it, then watch the service's status for a
// few seconds and say what happened on the status line. Timers are cancelled when a newer action
// starts or the console stops.
import type { ControlLetter } from '../store/letters.js';
import type { MessageStore } from '../store/message-store.js';
import type { Observation } from '../store/model.js';
import { describeOutcome } from '../store/outcome.js';
import type { ControlResult } from '../control/send.js';

export interface ActionPorts {
  send(dir: string, letters: string): ControlResult;
  observe(dir: string): Observation;
  /** Tell the table to re-read this service now. */
  refresh(name: string): void;
  now(): number;
  messages: MessageStore;
}

export class ActionRunner {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ports: ActionPorts) {}

  run(service: string, dir: string, letter: ControlLetter, timeoutMs = 3000): void {
    this.cancel();
    const { send, observe, now, messages, refresh } = this.ports;
    const before = observe(dir);
    const started = now();
    const result = send(dir, letter);
    if (!result.ok) {
      const why =
        result.reason === 'access denied'
          ? 'read-only: no permission to write supervise/control'
          : `unable to control: ${result.reason}`;
      messages.set(`${service}: ${why}`);
      return;
    }
    const check = () => {
      const after = observe(dir);
      const elapsedMs = now() - started;
      const text = describeOutcome({ service, letter, before, after, elapsedMs, timeoutMs });
      refresh(service);
      if (text !== undefined) {
        messages.set(text);
        this.cancel();
      } else {
        messages.set(`${service}: svc -${letter} sent; waiting…`);
      }
    };
    this.timer = setInterval(check, 50);
    check();
  }

  cancel(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
