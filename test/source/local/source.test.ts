// The local tree source through its port: mode detection (attach, embed, read-only), facts with
// typed problems, control through the FIFO, a log opened by id with its title relative to the
// tree, and a new service heard of within a second (the tree is watched).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalSource, localId } from '../../../src/source/local/index.js';
import type { TreeChange } from '../../../src/source/port.js';
import { drain, fakeService, statusBytes } from '../../control/fake-service.js';
import { waitFor } from '../../support/processes.js';
import { tempDir } from '../../support/tools.js';

let root: string;
let source: LocalSource | undefined;
afterEach(async () => {
  await source?.close();
  source = undefined;
  rmSync(root, { recursive: true, force: true });
});

function tree(): string {
  root = tempDir('svtui-source-');
  return root;
}

describe('mode detection through the port', () => {
  it('a tree nothing supervises: embedded when named, read-only "unsupervised" when defaulted', async () => {
    const dir = tree();
    fakeService(dir, 'alpha', { status: statusBytes({ pid: 0 }) });
    source = new LocalSource(dir, { explicit: true });
    expect(await source.access()).toEqual({ mode: 'embedded', readOnly: false });
    const defaulted = new LocalSource(dir, { explicit: false });
    expect(await defaulted.access()).toMatchObject({
      mode: 'unsupervised',
      readOnly: true,
      why: { code: 'unsupervised' },
    });
  });

  it('a supervisor holding supervise/ok of any service: attached, and control goes through', async () => {
    const dir = tree();
    fakeService(dir, 'alpha', { status: statusBytes({ pid: 0 }) });
    const beta = fakeService(dir, 'beta', {
      status: statusBytes({ pid: 42 }),
      ok: 'held',
      control: 'held',
    });
    source = new LocalSource(dir, { explicit: true });
    expect(await source.access()).toEqual({ mode: 'attached', readOnly: false });
    source.watch(() => undefined);
    expect(await source.control(localId('beta'), 't')).toEqual({ ok: true });
    expect(drain(beta.controlReader!)).toBe('t');
    const refused = await source.control(localId('alpha'), 't');
    expect(refused).toMatchObject({ ok: false, code: 'ENOENT' });
  });
});

describe('facts and logs through the port', () => {
  it('a service never supervised reads ENOENT at open, as a code', async () => {
    const dir = tree();
    mkdirSync(join(dir, 'alpha'));
    source = new LocalSource(dir, { explicit: false });
    const facts = await new Promise<TreeChange>((resolve) =>
      source!.watch((c) => c.kind === 'facts' && resolve(c)),
    );
    expect(facts).toMatchObject({
      kind: 'facts',
      id: 'alpha',
      facts: { observation: { supervised: false, problem: { code: 'ENOENT', stage: 'open' } } },
    });
  });

  it('opens a log by id, titled relative to the tree; says when the directory is missing', async () => {
    const dir = tree();
    mkdirSync(join(dir, 'alpha/log/main'), { recursive: true });
    writeFileSync(join(dir, 'alpha/log/run'), '#!/bin/sh\nexec multilog t ./main\n');
    writeFileSync(join(dir, 'alpha/log/main/current'), 'one\ntwo\n');
    mkdirSync(join(dir, 'beta/log'), { recursive: true });
    writeFileSync(join(dir, 'beta/log/run'), '#!/bin/sh\nexec multilog t ./gone\n');
    mkdirSync(join(dir, 'gamma'));
    source = new LocalSource(dir, { explicit: false });
    source.watch(() => undefined);
    const alpha = await source.openLog(localId('alpha'), 5);
    if (!('window' in alpha)) throw new Error('alpha has a log');
    expect(alpha.window()).toMatchObject({ title: 'alpha/log/main', lines: ['one', 'two'] });
    alpha.close();
    const beta = await source.openLog(localId('beta'), 5);
    if (!('window' in beta)) throw new Error('beta has a log service');
    expect(beta.window().note).toEqual({
      code: 'missing-dir',
      text: 'log directory beta/log/gone does not exist',
    });
    beta.close();
    expect(await source.openLog(localId('gamma'), 5)).toMatchObject({ code: 'no-log-service' });
  });

  it('hears of a new service within a second, by watching the tree', async () => {
    const dir = tree();
    mkdirSync(join(dir, 'alpha'));
    source = new LocalSource(dir, { explicit: false, times: { listMs: 60_000 } });
    const lists: string[][] = [];
    source.watch((c) => c.kind === 'services' && lists.push(c.entries.map((e) => e.name)));
    const started = Date.now();
    mkdirSync(join(dir, 'beta'));
    await waitFor(() => lists.some((l) => l.includes('beta')), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
