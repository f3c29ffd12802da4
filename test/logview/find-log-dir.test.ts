// findLogDir on real service directories, and a view on a directory it cannot read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLogDir, openLogView } from '../../src/logview/index.js';
import { tempDir } from '../support/tools.js';

const root = tempDir('svtui-logdir-');
function service(name: string, run?: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'log'), { recursive: true });
  if (run !== undefined) writeFileSync(join(dir, 'log', 'run'), run, { mode: 0o755 });
  return dir;
}

describe('findLogDir', () => {
  it('takes multilog’s directory, relative to log/', () => {
    const dir = service('a', '#!/bin/sh\nexec setuidgid log multilog t s999999 n5 ./main\n');
    expect(findLogDir(dir)).toEqual({
      path: join(dir, 'log', 'main'),
      how: 'log/run',
      code: 'found',
      tool: 'multilog',
      dirs: [join(dir, 'log', 'main')],
      note: 'from log/run (multilog ./main)',
    });
  });

  it('takes an absolute svlogd or s6-log directory as it is', () => {
    const sv = service('b', '#!/bin/sh\nexec chpst -u log svlogd -tt /var/log/b\n');
    expect(findLogDir(sv)).toMatchObject({ path: '/var/log/b', tool: 'svlogd' });
    const s6 = service('c', '#!/bin/sh\nexec s6-log t ../elsewhere\n');
    expect(findLogDir(s6)).toMatchObject({ path: join(root, 'c', 'elsewhere'), tool: 's6-log' });
  });

  it('falls back to log/main and says why', () => {
    const none = service('d', '#!/bin/sh\nexec cat >/dev/null\n');
    expect(findLogDir(none)).toMatchObject({ path: join(none, 'log', 'main'), how: 'default' });
    const norun = service('e');
    expect(findLogDir(norun)).toMatchObject({ path: join(norun, 'log', 'main'), how: 'default' });
  });

  it('names every directory, after a cd and variables', () => {
    const dir = service(
      'many',
      "#!/bin/sh\nD=/var/log/many\ncd \"$D\" && exec multilog t '-*' '+*err*' ./errors '+*' ./main\n",
    );
    expect(findLogDir(dir)).toMatchObject({
      path: '/var/log/many/errors',
      code: 'found',
      dirs: ['/var/log/many/errors', '/var/log/many/main'],
      note: 'from log/run (multilog /var/log/many/errors)',
    });
  });

  it('says with a code why a directory cannot be known', () => {
    const dir = service('sub', '#!/bin/sh\nexec multilog t "$(cat dir)"\n');
    expect(findLogDir(dir)).toMatchObject({
      path: join(dir, 'log', 'main'),
      how: 'default',
      code: 'unknown-directory',
      tool: 'multilog',
      dirs: [],
      unknown: { code: 'command-substitution', detail: '$(cat dir)' },
    });
    const none = service('nologger', '#!/bin/sh\nexec cat >/dev/null\n');
    expect(findLogDir(none)).toMatchObject({ code: 'no-logger', dirs: [] });
  });

  it('says when there is no log service at all', () => {
    const bare = join(root, 'bare');
    mkdirSync(bare);
    expect(findLogDir(bare)).toMatchObject({ how: 'none', path: join(bare, 'log', 'main') });
  });
});

describe('unreadable logs', () => {
  it('a current that is a directory: a one-line note, no lines, no throw', () => {
    const dir = join(root, 'weird');
    mkdirSync(join(dir, 'current'), { recursive: true });
    const view = openLogView(dir, { rows: 3, watch: false });
    expect(view.lines()).toEqual([]);
    expect(view.info().note).toBe(`unable to read ${dir}: is a directory`);
    view.top();
    view.pageUp();
    expect(view.lines()).toEqual([]);
    view.close();
  });
});
