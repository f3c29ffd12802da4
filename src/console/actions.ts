// Carrying out a control letter for the console, through the tree source: send it, then re-read
// the service for a few seconds and say what happened on the status line. Timers are cancelled
// when a newer action starts or the console stops.
import type { ControlLetter } from '../codec/letters.js';
import type { ServiceId, TreeSource } from '../source/port.js';
import type { MessageStore } from '../store/message-store.js';
import { isDenied } from '../store/model.js';
import { describeOutcome, sentWords } from '../store/outcome.js';

export interface ActionPorts {
  source: Pick<TreeSource, 'control' | 'read'>;
  now(): number;
  messages: Pick<MessageStore, 'set'>;
  /** How often the service is re-read while waiting for the outcome. */
  pollMs?: number;
}

export class ActionRunner {
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly ports: ActionPorts) {}

  async run(
    id: ServiceId,
    service: string,
    letter: ControlLetter,
    target: 'service' | 'log' = 'service',
    timeoutMs = 3000,
  ): Promise<void> {
    this.cancel();
    const generation = this.generation;
    const { source, now, messages } = this.ports;
    const name = target === 'log' ? `${service}/log` : service;
    const observe = () => this.observe(id, target);
    const before = await observe();
    const started = now();
    const result = await source.control(id, letter, target);
    if (generation !== this.generation) return;
    if (!result.ok) {
      const why = isDenied(result.code)
        ? 'read-only: no permission to write supervise/control'
        : `unable to control: ${result.text}`;
      messages.set(`${name}: ${why}`);
      return;
    }
    if (target === 'log' && letter === 'a') {
      messages.set(`${name}: ALRM sent: the logger starts a new current`);
      return;
    }
    const check = async () => {
      const after = await observe();
      if (generation !== this.generation) return;
      const elapsedMs = now() - started;
      const text = describeOutcome({ service: name, letter, before, after, elapsedMs, timeoutMs });
      if (text !== undefined) {
        messages.set(text);
        this.cancel();
      } else {
        messages.set(`${name}: svc -${letter} sent; waiting…`);
        this.timer = setTimeout(() => void check(), this.ports.pollMs ?? 50);
      }
    };
    await check();
  }

  /**
   * The same letter to several services at once (the marked ones): sent to each, each watched
   * until its outcome is known, then one line for all ("TERM sent to 3 services: a back up as
   * pid 4412 after 0.2 s; b …").
   */
  async runAll(
    targets: readonly { id: ServiceId; name: string }[],
    letter: ControlLetter,
    target: 'service' | 'log' = 'service',
    timeoutMs = 3000,
  ): Promise<void> {
    this.cancel();
    const generation = this.generation;
    const { source, now, messages } = this.ports;
    const label = (name: string) => (target === 'log' ? `${name}/log` : name);
    const observe = (id: ServiceId) => this.observe(id, target);
    const before = await Promise.all(targets.map((t) => observe(t.id)));
    const started = now();
    const results = await Promise.all(targets.map((t) => source.control(t.id, letter, target)));
    if (generation !== this.generation) return;
    const said = new Map<number, string>();
    results.forEach((result, i) => {
      if (result.ok) return;
      const why = isDenied(result.code) ? 'read-only' : `unable to control: ${result.text}`;
      said.set(i, `${label(targets[i]!.name)} ${why}`);
    });
    const sent = sentWords(letter);
    const summary = () => {
      const parts = targets.map((t, i) => said.get(i) ?? `${label(t.name)} waiting…`);
      return `${sent} to ${targets.length} services: ${parts.join('; ')}`;
    };
    const check = async () => {
      const elapsedMs = now() - started;
      await Promise.all(
        targets.map(async (t, i) => {
          if (said.has(i)) return;
          const after = await observe(t.id);
          const service = label(t.name);
          const text = describeOutcome({
            service,
            letter,
            before: before[i],
            after,
            elapsedMs,
            timeoutMs,
          });
          if (text !== undefined)
            said.set(i, `${service} ${shorter(text, `${service}: ${sent}; `)}`);
        }),
      );
      if (generation !== this.generation) return;
      messages.set(summary());
      if (said.size === targets.length) this.cancel();
      else this.timer = setTimeout(() => void check(), this.ports.pollMs ?? 50);
    };
    await check();
  }

  /** What the source says now of the service or its log service. */
  private async observe(id: ServiceId, target: 'service' | 'log') {
    const facts = await this.ports.source.read(id);
    return target === 'log' ? facts?.logObservation : facts?.observation;
  }

  cancel(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** An outcome in fewer words, for one line about several services: "back as pid 4412 in 0.2 s". */
function shorter(text: string, prefix: string): string {
  return text
    .replace(prefix, '')
    .replace('it exited and is back up as ', 'back as ')
    .replace(/ after (\d+\.\d) s/, ' in $1 s');
}
