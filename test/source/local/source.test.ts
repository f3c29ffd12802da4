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

describe('where a service logs, when log/run does not say plainly', () => {
  it('follows cd, offers every directory of the script (o: next), and names what it cannot know', async () => {
    const dir = tree();
    mkdirSync(join(dir, 'split/log/errors'), { recursive: true });
    mkdirSync(join(dir, 'split/log/main'), { recursive: true });
    writeFileSync(
      join(dir, 'split/log/run'),
      "#!/bin/sh\nexec multilog t '-*' '+*err*' ./errors '+*' ./main\n",
    );
    writeFileSync(join(dir, 'split/log/errors/current'), 'an error\n');
    writeFileSync(join(dir, 'split/log/main/current'), 'a line\n');
    mkdirSync(join(dir, 'moved/log'), { recursive: true });
    mkdirSync(join(dir, 'var/x'), { recursive: true });
    writeFileSync(join(dir, 'var/x/current'), 'far away\n');
    writeFileSync(join(dir, 'moved/log/run'), `#!/bin/sh\ncd ${dir}/var && exec multilog t ./x\n`);
    mkdirSync(join(dir, 'dynamic/log'), { recursive: true });
    writeFileSync(join(dir, 'dynamic/log/run'), '#!/bin/sh\nexec multilog t "$(cat /etc/where)"\n');
    source = new LocalSource(dir, { explicit: false });
    source.watch(() => undefined);
    const split = await source.openLog(localId('split'), 5);
    if (!('window' in split)) throw new Error('split logs');
    expect(split.window()).toMatchObject({
      title: 'split/log/errors',
      lines: ['an error'],
      directory: { index: 0, count: 2 },
    });
    split.move({ kind: 'nextDirectory' });
    expect(split.window()).toMatchObject({ title: 'split/log/main', lines: ['a line'] });
    split.close();
    const moved = await source.openLog(localId('moved'), 5);
    if (!('window' in moved)) throw new Error('moved logs');
    expect(moved.window()).toMatchObject({ title: 'var/x', lines: ['far away'] });
    moved.close();
    const dynamic = await source.openLog(localId('dynamic'), 5);
    if (!('window' in dynamic)) throw new Error('dynamic logs');
    expect(dynamic.window().note?.code).toBe('unknown-dir');
    expect(dynamic.window().note?.text).toContain('write it in log/svtui-logdir');
    dynamic.close();
    // The operator names it: svtui takes the file's word over its own reading.
    writeFileSync(join(dir, 'dynamic/log/svtui-logdir'), `# where multilog writes\n../../var/x\n`);
    const named = await source.openLog(localId('dynamic'), 5);
    if (!('window' in named)) throw new Error('named logs');
    expect(named.window()).toMatchObject({ title: 'var/x', lines: ['far away'] });
    named.close();
  });
});
