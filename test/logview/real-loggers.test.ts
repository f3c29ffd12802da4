// The real loggers, run from a real log/run script: findLogDir must name the directory they
// write to, and the view must follow them through their rotations and then page back over
// every line they wrote, in order. multilog (daemontools), svlogd (runit), s6-log (s6).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findLogDir, openLogView, type LogView } from '../../src/logview/index.js';
import { startProcess, stopProcess, waitFor } from '../support/processes.js';
import { haveTools, tempDir } from '../support/tools.js';
import { walkUp } from './helpers.js';

const root = tempDir('svtui-logreal-');
let views: LogView[] = [];
afterEach(() => {
  for (const v of views) v.close();
  views = [];
});

const loggers = [
  { tool: 'multilog', run: 'exec multilog t s4096 n100 ./main', prepare: undefined },
  { tool: 'svlogd', run: 'exec svlogd -t main', prepare: 's4096\nn100\n' },
  { tool: 's6-log', run: 'exec s6-log -b t s4096 n100 ./main', prepare: undefined },
];
const strip = (line: string | undefined) => line?.replace(/^@[0-9a-f]{24} /, '');

describe.each(loggers)('$tool', ({ tool, run, prepare }) => {
  it.skipIf(!haveTools(tool))('found from log/run, followed, paged back whole', async () => {
    const service = join(root, tool);
    const logService = join(service, 'log');
    mkdirSync(logService, { recursive: true });
    writeFileSync(join(logService, 'run'), `#!/bin/sh\n# the ${tool} logger\nexec 2>&1\n${run}\n`);
    const found = findLogDir(service);
    expect(found).toMatchObject({ how: 'log/run', tool, path: join(logService, 'main') });
    if (prepare) {
      mkdirSync(found.path);
      writeFileSync(join(found.path, 'config'), prepare);
    }
    const child = startProcess('sh', ['./run'], {
      cwd: logService,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const view = openLogView(found.path, { rows: 6, pollMs: 100 });
    views.push(view);
    const written: string[] = [];
    for (let batch = 0; batch < 8; batch++) {
      let text = '';
      for (let i = 0; i < 30; i++) {
        const line = `${tool} ${batch}.${i} ${'='.repeat((batch * 11 + i * 17) % 80)}`;
        written.push(line);
        text += line + '\n';
      }
      child.stdin!.write(text);
      await waitFor(() => strip(view.lines().at(-1)) === written.at(-1), 5000, 5);
      expect(view.following).toBe(true);
    }
    expect(view.lines().map(strip)).toEqual(written.slice(-6));
    child.stdin!.end();
    await stopProcess(child);
    expect(view.info().fileCount).toBeGreaterThan(2);
    expect(walkUp(view, 9).map(strip)).toEqual(written);
  });
});
