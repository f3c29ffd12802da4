// The action runner alone, through the port: it sends through the source, re-reads the service
// until the outcome is known, and says it once; a refusal is worded by its code.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionRunner } from '../../src/console/actions.js';
import type { ControlOutcome, ServiceFacts } from '../../src/source/port.js';
import { down, id, NOW, up } from './fake-source.js';

function runner(readings: ServiceFacts[], outcome: ControlOutcome = { ok: true }) {
  const sent: string[] = [];
  const said: string[] = [];
  let clock = NOW;
  let read = 0;
  const actions = new ActionRunner({
    source: {
      read: async () => readings[Math.min(read++, readings.length - 1)],
      control: async (_id, letter) => {
        sent.push(letter);
        return outcome;
      },
    },
    now: () => clock,
    messages: { set: (text: string) => void said.push(text) },
    pollMs: 50,
  });
  return { actions, sent, said, advance: (ms: number) => (clock += ms) };
}

afterEach(() => vi.useRealTimers());

describe('action runner', () => {
  it('sends the letter and says the outcome once the status shows it', async () => {
    vi.useFakeTimers();
    const r = runner([
      { observation: up(10, NOW) },
      { observation: up(10, NOW) },
      { observation: up(11, NOW + 200) },
    ]);
    await r.actions.run(id('alpha'), 'alpha', 't');
    expect(r.sent).toEqual(['t']);
    expect(r.said).toEqual(['alpha: svc -t sent; waiting…']);
    r.advance(200);
    await vi.advanceTimersByTimeAsync(50);
    expect(r.said.at(-1)).toBe('alpha: TERM sent; it exited and is back up as pid 11 after 0.2 s');
    await vi.advanceTimersByTimeAsync(500);
    expect(r.said).toHaveLength(2); // said once, then the watch ends
  });

  it('says why when the supervisor refuses: no permission is read-only, by its code', async () => {
    const r = runner([{ observation: up(10, NOW) }], {
      ok: false,
      code: 'EACCES',
      text: 'access denied',
    });
    await r.actions.run(id('alpha'), 'alpha', 'd');
    expect(r.said).toEqual(['alpha: read-only: no permission to write supervise/control']);
    const s = runner([{ observation: up(10, NOW) }], {
      ok: false,
      code: 'ENXIO',
      text: 'supervise not running',
    });
    await s.actions.run(id('alpha'), 'alpha', 'd');
    expect(s.said).toEqual(['alpha: unable to control: supervise not running']);
  });

  it('a newer action or cancel() ends the watch of the older one', async () => {
    vi.useFakeTimers();
    const r = runner([{ observation: up(10, NOW) }]);
    await r.actions.run(id('alpha'), 'alpha', 'd');
    r.actions.cancel();
    r.advance(5000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.said).toEqual(['alpha: svc -d sent; waiting…']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives up after the timeout and says what is still the case', async () => {
    vi.useFakeTimers();
    const r = runner([{ observation: up(10, NOW) }]);
    await r.actions.run(id('alpha'), 'alpha', 'd', 'service', 1000);
    for (let i = 0; i < 25; i++) {
      r.advance(50);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(r.said.at(-1)).toBe(
      'alpha: down sent (TERM, CONT); still up as pid 10 after 1.0 s (ignores TERM?)',
    );
    const u = runner([{ observation: down(NOW) }, { observation: up(12, NOW) }]);
    await u.actions.run(id('alpha'), 'alpha', 'u');
    expect(u.said.at(-1)).toBe('alpha: up sent; up as pid 12 after 0.0 s');
  });
});

describe('action runner, several services', () => {
  it('sends to each by id, watches each, and says one line for all once every outcome is in', async () => {
    vi.useFakeTimers();
    const said: string[] = [];
    const sent: string[] = [];
    let clock = NOW;
    const pids: Record<string, number[]> = { a: [10, 10, 11], b: [20, 21], c: [30, 30, 30, 31] };
    const reads: Record<string, number> = { a: 0, b: 0, c: 0 };
    const actions = new ActionRunner({
      source: {
        read: async (service) => {
          const list = pids[service]!;
          const pid = list[Math.min(reads[service]!++, list.length - 1)]!;
          return { observation: up(pid, NOW) };
        },
        control: async (service, letter) => {
          sent.push(`${service}:${letter}`);
          return service === 'c' && letter === 'x'
            ? { ok: false, code: 'EACCES', text: 'denied' }
            : { ok: true };
        },
      },
      now: () => clock,
      messages: { set: (text: string) => void said.push(text) },
      pollMs: 50,
    });
    const targets = ['a', 'b', 'c'].map((n) => ({ id: id(n), name: n }));
    await actions.runAll(targets, 't');
    expect(sent).toEqual(['a:t', 'b:t', 'c:t']);
    expect(said.at(-1)).toBe(
      'TERM sent to 3 services: a waiting…; b back as pid 21 in 0.0 s; c waiting…',
    );
    clock += 100;
    await vi.advanceTimersByTimeAsync(50);
    clock += 100;
    await vi.advanceTimersByTimeAsync(50);
    expect(said.at(-1)).toBe(
      'TERM sent to 3 services: a back as pid 11 in 0.1 s; b back as pid 21 in 0.0 s; c back as pid 31 in 0.2 s',
    );
    const count = said.length;
    await vi.advanceTimersByTimeAsync(500);
    expect(said).toHaveLength(count); // said, then the watch ends
  });
});
