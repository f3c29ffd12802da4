// Fakes for the engine's tests: a clock the test moves, probes whose results the test settles
// by hand (or that never settle), and recorders for intents and events.
import type { HealthEvent, Intent, Probes, ProbeResult } from '../../src/health/index.js';
import { HealthEngine, type EngineOptions, type Figures } from '../../src/health/index.js';

export interface Pending {
  target: string;
  settle(ok: boolean): void;
}

export class FakeProbes implements Probes {
  readonly pending: Pending[] = [];
  /** Per target (`port N` / the command text): answer at once with this, else wait for settle. */
  readonly answers = new Map<string, boolean>();
  calls = 0;

  port(rule: { port: number }): Promise<ProbeResult> {
    return this.run(`port ${rule.port}`);
  }

  program(rule: { command: { text: string } }): Promise<ProbeResult> {
    return this.run(rule.command.text);
  }

  settle(target: string, ok: boolean): void {
    const i = this.pending.findIndex((p) => p.target === target);
    const [p] = this.pending.splice(i, 1);
    p?.settle(ok);
  }

  private run(target: string): Promise<ProbeResult> {
    this.calls += 1;
    const result = (ok: boolean): ProbeResult => ({
      ok,
      ms: 1,
      kind: ok ? 'ok' : 'refused',
      text: `${target} ${ok ? 'answered' : 'refused'}`,
    });
    const answer = this.answers.get(target);
    if (answer !== undefined) return Promise.resolve(result(answer));
    return new Promise((resolve) =>
      this.pending.push({ target, settle: (ok) => resolve(result(ok)) }),
    );
  }
}

export interface Rig {
  engine: HealthEngine;
  probes: FakeProbes;
  intents: Intent[];
  events: HealthEvent[];
  figures: Map<string, Figures>;
  clock: { now: number };
  /** Advance the clock by one cycle (10 s) and run it; resolves when its finished probes are judged. */
  cycle(): Promise<void>;
}

export function rig(options: Partial<EngineOptions> = {}): Rig {
  const probes = new FakeProbes();
  const intents: Intent[] = [];
  const events: HealthEvent[] = [];
  const figures = new Map<string, Figures>();
  const clock = { now: 1_000_000 };
  const engine = new HealthEngine({
    clock: () => clock.now,
    probes,
    figures: (id) => figures.get(id),
    onIntent: (i) => intents.push(i),
    onEvent: (e) => events.push(e),
    graceMs: 15_000,
    ...options,
  });
  return {
    engine,
    probes,
    intents,
    events,
    figures,
    clock,
    async cycle() {
      clock.now += 10_000;
      const done = engine.tick();
      await flush();
      void done;
    },
  };
}

/** Let every settled promise's continuations run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

export function kinds(intents: Intent[]): string[] {
  return intents.map((i) => `${i.service}:${i.action.kind}`);
}
