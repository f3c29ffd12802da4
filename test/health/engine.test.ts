import { describe, expect, it } from 'vitest';
import { flush, kinds, rig } from './fakes.js';

const DIR = '/srv/web';

/** A service `web` with these rules, started and ready at the rig's clock. */
function running(text: string, ready = true) {
  const r = rig();
  expect(r.engine.load('web', DIR, text, 'web/monitor')).toEqual([]);
  r.engine.started('web', DIR, 42);
  if (ready) r.engine.ready('web');
  return r;
}

describe('HealthEngine: windows', () => {
  it('acts after `for 3 cycles` of failures, once, and alerts on recovery', async () => {
    const r = running('if failed port 80 for 3 cycles then restart');
    r.probes.answers.set('port 80', false);
    await r.cycle();
    await r.cycle();
    expect(r.intents).toEqual([]);
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:restart']);
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:restart']);
    r.probes.answers.set('port 80', true);
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:restart', 'web:alert']);
    const kindsOfEvents = r.events.map((e) => e.kind);
    expect(kindsOfEvents).toContain('check-failed');
    expect(kindsOfEvents).toContain('check-recovered');
    const failed = r.events.find((e) => e.kind === 'check-failed');
    expect(failed).toMatchObject({
      service: 'web',
      rule: { line: 1, column: 1 },
      monit: 'Connection failed',
      probe: { kind: 'refused', ms: 1 },
    });
  });

  it('`2 times within 4 cycles` counts failures that are not consecutive', async () => {
    const r = running('if failed port 80 2 times within 4 cycles then alert');
    for (const ok of [false, true, true]) {
      r.probes.answers.set('port 80', ok);
      await r.cycle();
    }
    expect(r.intents).toEqual([]);
    r.probes.answers.set('port 80', false);
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:alert']);
  });

  it('judges resource rules from the figures given, and says nothing without a sample', async () => {
    const r = running('if totalmem > 100 MB for 2 cycles then stop\nif children > 3 then alert');
    await r.cycle();
    r.figures.set('web', { totalmemory: 200 * 1024 * 1024, children: 1 });
    await r.cycle();
    expect(r.intents).toEqual([]);
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:stop']);
    expect(r.intents[0]?.event).toMatchObject({
      kind: 'action',
      action: 'stop',
      monit: 'Resource limit matched',
      value: 200 * 1024 * 1024,
    });
  });

  it('fires the restart limit from starts reported by the supervisor', async () => {
    const r = running('if 2 restarts within 3 cycles then unmonitor');
    r.engine.started('web', DIR, 43);
    await r.cycle();
    expect(r.intents).toEqual([]);
    r.engine.started('web', DIR, 44);
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:unmonitor']);
    expect(r.engine.isMonitored('web')).toBe(false);
    expect(r.intents[0]?.event.text).toContain('restarted 2 times within 3 cycles');
  });

  it('runs the rules on one cycle in N with `every N cycles`', async () => {
    const r = running('every 3 cycles\nif failed port 80 then alert');
    r.probes.answers.set('port 80', true);
    for (let i = 0; i < 6; i++) await r.cycle();
    expect(r.probes.calls).toBe(2);
  });
});

describe('HealthEngine: grace and restarts', () => {
  it('counts no failure in the grace period until ready', async () => {
    const r = running('if failed port 80 then restart', false);
    r.probes.answers.set('port 80', false);
    await r.cycle();
    expect(r.intents).toEqual([]);
    r.engine.ready('web');
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:restart']);
  });

  it('counts failures once the grace delay has passed without readiness', async () => {
    const r = running('if failed port 80 then restart', false);
    r.probes.answers.set('port 80', false);
    await r.cycle(); // 10 s after the start: in the 15 s grace
    expect(r.intents).toEqual([]);
    await r.cycle(); // 20 s
    expect(kinds(r.intents)).toEqual(['web:restart']);
  });

  it('empties the window when the service starts again, and repeats an unhelpful restart', async () => {
    const r = running('if failed port 80 for 2 cycles then restart');
    r.probes.answers.set('port 80', false);
    await r.cycle();
    r.engine.started('web', DIR, 43); // restarted for another reason: counting starts afresh
    r.engine.ready('web');
    await r.cycle();
    expect(r.intents).toEqual([]);
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:restart']);
    r.engine.started('web', DIR, 44); // the engine's restart
    r.engine.ready('web');
    await r.cycle();
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:restart', 'web:restart']);
  });

  it('drops a probe result that belongs to a process that has since been replaced', async () => {
    const r = running('if failed port 80 then restart');
    await r.cycle();
    r.engine.started('web', DIR, 43);
    r.probes.settle('port 80', false);
    await flush();
    expect(r.intents).toEqual([]);
  });

  it('probes nothing while the service is down', async () => {
    const r = running('if failed port 80 then restart');
    r.engine.exited('web', { code: 1 });
    await r.cycle();
    expect(r.probes.calls).toBe(0);
    expect(r.events.find((e) => e.kind === 'exit')).toMatchObject({ code: 1, pid: 42 });
  });
});

describe('HealthEngine: concurrency', () => {
  it('100 hanging checks delay neither a fast one nor the next cycle', async () => {
    const r = rig();
    for (let i = 0; i < 100; i++) {
      const id = `hang${i}`;
      r.engine.load(id, `/srv/${id}`, `if failed program "hang ${i}" then restart`, 'monitor');
      r.engine.started(id, `/srv/${id}`);
      r.engine.ready(id);
    }
    r.engine.load('fast', '/srv/fast', 'if failed port 80 then restart', 'monitor');
    r.engine.started('fast', '/srv/fast');
    r.engine.ready('fast');
    r.probes.answers.set('port 80', false);

    await r.cycle();
    expect(kinds(r.intents)).toEqual(['fast:restart']);
    expect(r.probes.pending).toHaveLength(100);

    // The next cycle starts no second copy of a check still running, and judges the fast one.
    r.engine.started('fast', '/srv/fast');
    r.engine.ready('fast');
    await r.cycle();
    expect(r.probes.pending).toHaveLength(100);
    expect(kinds(r.intents)).toEqual(['fast:restart', 'fast:restart']);

    // A hanging one that ends late is judged then, on its own.
    r.probes.settle('hang 7', false);
    await flush();
    expect(kinds(r.intents)).toEqual(['fast:restart', 'fast:restart', 'hang7:restart']);
  });

  it('a probe that throws counts as a failure', async () => {
    const r = rig({
      probes: {
        port: () => Promise.reject(new Error('boom')),
        program: () => Promise.reject(new Error('boom')),
      },
    });
    r.engine.load('web', DIR, 'if failed port 80 then alert', 'monitor');
    r.engine.started('web', DIR);
    r.engine.ready('web');
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:alert']);
    expect(r.intents[0]?.event.text).toContain('boom');
  });
});

describe('HealthEngine: reloads and saved state', () => {
  it('keeps the last good rules when a file is broken, and says why', async () => {
    const r = running('if failed port 80 for 2 cycles then restart');
    r.probes.answers.set('port 80', false);
    await r.cycle();
    const errors = r.engine.load(
      'web',
      DIR,
      'if failed port 80 for 2 cycles then reboot',
      'web/monitor',
    );
    expect(errors).toHaveLength(1);
    const refused = r.events.find((e) => e.kind === 'rules-refused');
    expect(refused?.text).toMatch(/^web\/monitor:1:\d+: .*keeping the 1 rule loaded before$/);
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:restart']);
  });

  it("carries a rule's window over a reload that keeps it", async () => {
    const r = running('if failed port 80 for 2 cycles then restart');
    r.probes.answers.set('port 80', false);
    await r.cycle();
    r.engine.load(
      'web',
      DIR,
      'if cpu > 90% then alert\nif failed port 80 for 2 cycles then restart',
      'm',
    );
    await r.cycle();
    expect(kinds(r.intents)).toEqual(['web:restart']);
  });

  it('goes on from a saved state in a new engine (a scanner restart)', async () => {
    const text = 'if failed port 80 for 3 cycles then restart';
    const r = running(text);
    r.probes.answers.set('port 80', false);
    await r.cycle();
    await r.cycle();
    const saved = JSON.parse(JSON.stringify(r.engine.save('web')));

    const s = rig();
    s.clock.now = r.clock.now;
    s.engine.load('web', DIR, text, 'web/monitor');
    s.engine.restore('web', DIR, saved);
    s.engine.started('web', DIR, 42, 1_000_000); // the same process, seen again
    s.engine.ready('web');
    s.probes.answers.set('port 80', false);
    await s.cycle();
    expect(kinds(s.intents)).toEqual(['web:restart']);
  });

  it("keeps each check's last probe, through a reload and a saved state", async () => {
    const text = 'if failed port 80 then alert\nif cpu > 90% then alert\n';
    const r = running(text);
    r.probes.answers.set('port 80', true);
    await r.cycle();
    const at = new Date(r.clock.now).toISOString();
    const probe = { ok: true, ms: 1, at, kind: 'ok' };
    expect(r.engine.probesOf('web')).toEqual([probe, null]);
    expect(r.engine.save('web')?.probes).toEqual([probe, null]);
    // The rule moves to the second line: its last probe follows it.
    r.engine.load('web', DIR, 'if cpu > 90% then alert\nif failed port 80 then alert\n', 'm');
    expect(r.engine.probesOf('web')).toEqual([null, probe]);
    r.probes.answers.set('port 80', false);
    await r.cycle();
    expect(r.engine.probesOf('web')[1]).toMatchObject({ ok: false, kind: 'refused' });

    const s = rig();
    s.engine.load('web', DIR, text, 'web/monitor');
    s.engine.restore('web', DIR, JSON.parse(JSON.stringify(r.engine.save('web'))));
    expect(s.engine.probesOf('web')[0]).toMatchObject({ ok: false, kind: 'refused' });
    // A state saved before last probes were kept: none, and nothing else lost.
    const old = { ...r.engine.save('web')!, probes: undefined };
    const t = rig();
    t.engine.restore('web', DIR, old);
    expect(t.engine.probesOf('web')).toEqual([null, null]);
    expect(t.engine.rulesOf('web')).toHaveLength(2);
    // Nothing probed yet: no `probes` key saved at all.
    const u = running('if failed port 80 then alert');
    expect(u.engine.save('web')).not.toHaveProperty('probes');
  });
});
