// The health engine's grace after a start for a service with a readiness signal (s6's
// notification-fd, runit's ./check): it ends at readiness, not at the fixed delay — and, if
// readiness never comes, at the readiness limit.
import { describe, expect, it } from 'vitest';
import { kinds, rig } from './fakes.js';

const DIR = '/srv/web';
const RULE = 'if failed port 80 then restart';

function started(readiness: boolean, readyLimitMs?: number) {
  const r = rig(readyLimitMs === undefined ? {} : { readyLimitMs });
  expect(r.engine.load('web', DIR, RULE, 'web/monitor')).toEqual([]);
  r.engine.started('web', DIR, 42, r.clock.now, readiness);
  r.probes.answers.set('port 80', false);
  return r;
}

describe('HealthEngine: grace with a readiness signal', () => {
  it('lasts past the fixed delay while the service is not ready yet', async () => {
    const r = started(true);
    await r.cycle(); // 10 s
    await r.cycle(); // 20 s: past the fixed 15 s grace
    await r.cycle(); // 30 s
    expect(r.intents).toEqual([]);
  });

  it('ends at readiness: the next failure counts', async () => {
    const r = started(true);
    await r.cycle();
    expect(r.intents).toEqual([]);
    r.engine.ready('web');
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:restart']);
  });

  it('ends at the readiness limit when readiness never comes', async () => {
    const r = started(true, 25_000);
    await r.cycle(); // 10 s
    await r.cycle(); // 20 s
    expect(r.intents).toEqual([]);
    await r.cycle(); // 30 s: past the limit
    expect(kinds(r.intents)).toEqual(['web:restart']);
  });

  it('without a readiness signal the fixed delay stands', async () => {
    const r = started(false);
    await r.cycle(); // 10 s: in the 15 s grace
    expect(r.intents).toEqual([]);
    await r.cycle(); // 20 s
    expect(kinds(r.intents)).toEqual(['web:restart']);
  });

  it('a new start waits for readiness again', async () => {
    const r = started(true);
    r.engine.ready('web');
    r.engine.started('web', DIR, 43, r.clock.now, true);
    await r.cycle();
    expect(r.intents).toEqual([]);
  });
});
