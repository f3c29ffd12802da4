// The one log/run reader (src/log/run-script.ts), pure: the logger, every directory it names,
// `cd` and simple variables followed, typed reasons for what cannot be known, and the
// in-process form exactly as strict as DESIGN says.
import { describe, expect, it } from 'vitest';
import { readLogRun } from '../../src/log/run-script.js';

const paths = (text: string) => readLogRun(text).dirs.map((d) => d.path ?? d.unknown?.code);

describe('readLogRun', () => {
  it('names every multilog directory, in order', () => {
    const run = readLogRun("#!/bin/sh\nexec multilog t '-*' '+*err*' ./errors '+*' ./main\n");
    expect(run.tool).toBe('multilog');
    expect(run.args).toEqual(['t', '-*', '+*err*', './errors', '+*', './main']);
    expect(paths("exec multilog t '-*' '+*err*' ./errors '+*' ./main")).toEqual([
      './errors',
      './main',
    ]);
  });

  it('finds the logger after wrappers, for svlogd and s6-log too', () => {
    expect(readLogRun('exec chpst -u log svlogd -tt -l 100 ./a /var/log/b').dirs).toEqual([
      { written: './a', path: './a' },
      { written: '/var/log/b', path: '/var/log/b' },
    ]);
    expect(readLogRun('exec s6-setuidgid log s6-log -b -d 3 n20 T ./x -.*debug /y')).toMatchObject({
      tool: 's6-log',
      dirs: [{ path: './x' }, { path: '/y' }],
    });
  });

  it('follows a preceding cd', () => {
    expect(paths('cd /var/log && exec multilog t ./x')).toEqual(['/var/log/x']);
    expect(paths('cd /var/log\ncd app\nexec multilog t ./x /abs')).toEqual([
      '/var/log/app/x',
      '/abs',
    ]);
    expect(paths('cd sub; exec multilog t ./x')).toEqual(['sub/x']);
  });

  it('follows simple variables, $NAME and ${NAME}, quoted or not', () => {
    expect(paths('LOGDIR=/var/log/x; exec multilog t "$LOGDIR"')).toEqual(['/var/log/x']);
    expect(paths('LOGDIR=/var/log\nexec multilog t ${LOGDIR}/app')).toEqual(['/var/log/app']);
    expect(paths('export BASE=/srv D="$BASE/logs"\ncd "$D"\nexec multilog t ./main')).toEqual([
      '/srv/logs/main',
    ]);
    expect(readLogRun('L=/var/log/x; exec multilog t "$L"').dirs[0]?.written).toBe('"$L"');
  });

  it('says why a directory cannot be known, with a code', () => {
    expect(readLogRun('exec multilog t "$LOGDIR"').dirs).toEqual([
      { written: '"$LOGDIR"', unknown: { code: 'unknown-variable', detail: 'LOGDIR' } },
    ]);
    expect(paths('D=$(mktemp -d); exec multilog t "$D"')).toEqual(['command-substitution']);
    expect(paths('exec multilog t ./`date +%Y`')).toEqual(['command-substitution']);
    expect(paths('exec multilog t ./m*')).toEqual(['glob']);
    expect(paths('exec multilog t ${D:-/x}')).toEqual(['unsupported-expansion']);
    expect(paths('exec multilog t ~/logs')).toEqual(['tilde']);
    expect(paths('cd "$HOME"\nexec multilog t ./x /abs')).toEqual(['unknown-cwd', '/abs']);
  });

  it('skips comments, continuations and redirections', () => {
    const run = readLogRun(
      'exec 2>&1 # all to the log\nexec multilog t \\\n  "./with space" 2>/dev/null # trailing\n',
    );
    expect(run.args).toEqual(['t', './with space']);
    expect(run.dirs.map((d) => d.path)).toEqual(['./with space']);
    expect(readLogRun('# exec multilog t ./commented\n').tool).toBeUndefined();
    expect(readLogRun('exec cat > /dev/null')).toEqual({ args: [], dirs: [] });
  });

  it('keeps the in-process form exactly as strict as before', () => {
    expect(readLogRun('#!/bin/sh\n# c\n\nexec svtui multilog t ./main\n').inProcess).toEqual([
      't',
      './main',
    ]);
    for (const text of [
      'cd /var/log && exec svtui multilog t ./x',
      'L=./x\nexec svtui multilog t "$L"',
      'exec 2>&1\nexec svtui multilog t ./main',
      'exec svtui multilog t ./main 2>&1',
      'exec /usr/bin/svtui multilog t ./main',
      'exec setuidgid log svtui multilog t ./main',
    ]) {
      expect(readLogRun(text).inProcess, text).toBeUndefined();
    }
    // The shell reading still finds the directories of what is then spawned.
    expect(paths('cd /var/log && exec svtui multilog t ./x')).toEqual(['/var/log/x']);
  });
});
