// The operator's error and warning words (`.svtui/logview`): the file read line by line, a bad
// line refused at file:line:column with what was expected while the defaults stay; then e/E and
// w/W stepping to the operator's words over real files, single log and merged, and
// `svtui check` naming the file's errors.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logviewProblems } from '../../src/check/logview-rules.js';
import { parseLevelConfig } from '../../src/logview/search/level-config.js';
import { DEFAULT_LEVEL_PATTERNS } from '../../src/logview/search/levels.js';
import { LocalLogs } from '../../src/source/local/log.js';
import type { LogTimeline } from '../../src/source/port.js';
import { runCli, tempDir } from '../support/tools.js';
import { label, T0, writeLog } from './tools-helpers.js';

describe('the .svtui/logview file', () => {
  it('takes error-pattern and warning-pattern lines, comments and blank lines', () => {
    const config = parseLevelConfig(
      '# ours\n\nerror-pattern   \\b(?:oops|segfault)\\b  \r\n  warning-pattern retrying\n',
      'T/.svtui/logview',
    );
    expect(config).toEqual({
      levels: { error: '\\b(?:oops|segfault)\\b', warning: 'retrying' },
      errors: [],
    });
  });

  it('refuses each bad line at file:line:column, keeping the default of what it meant', () => {
    const config = parseLevelConfig(
      [
        'warning-pattern deprecated',
        'error-patern oops',
        'error-pattern',
        '  error-pattern (unclosed',
        'error-pattern x*',
        'warning-pattern again',
      ].join('\n'),
      'T/.svtui/logview',
    );
    expect(config.levels).toEqual({ error: DEFAULT_LEVEL_PATTERNS.error, warning: 'deprecated' });
    expect(config.errors.map((e) => [e.line, e.column, e.expected])).toEqual([
      [2, 1, '"error-pattern" or "warning-pattern"'],
      [3, 14, 'a regular expression after "error-pattern"'],
      [4, 17, 'a regular expression'],
      [5, 15, 'a pattern that an empty line does not match'],
      [6, 1, 'one "warning-pattern" line'],
    ]);
    expect(config.errors[0]!.got).toBe('"error-patern"');
    expect(config.errors[2]!.got).toMatch(/^"\(unclosed" \(.+\)$/);
  });

  it('is reported by svtui check, file:line:column (pure rule and the built CLI)', () => {
    expect(logviewProblems('T/.svtui/logview', 'fatal-pattern x\n')).toEqual([
      {
        path: 'T/.svtui/logview',
        line: 1,
        column: 1,
        message: 'expected "error-pattern" or "warning-pattern", got "fatal-pattern"',
      },
    ]);
    expect(logviewProblems('T/.svtui/logview', undefined)).toEqual([]);
    const root = tempDir('svtui-check-logview-');
    mkdirSync(join(root, '.svtui'));
    writeFileSync(join(root, '.svtui/logview'), 'error-pattern oops\nwarning-pattern [z-a]\n');
    const r = runCli(['check', root]);
    expect(r.stdout.toString()).toMatch(
      new RegExp(
        `^${root}/\\.svtui/logview:2:17: expected a regular expression, got "\\[z-a\\]" \\(.+\\)$`,
        'm',
      ),
    );
    expect(r.status).toBe(1);
  });
});

const open: LogTimeline[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

/** A tree with one service whose log has the default words and the operator's. */
function tree(logview: string) {
  const root = tempDir();
  mkdirSync(join(root, '.svtui'));
  writeFileSync(join(root, '.svtui/logview'), logview);
  const lines = [
    'request 0 ok',
    'ERROR job 1 failed',
    'oops: cache miss storm',
    'warning: slow 3',
    'retrying upstream',
    'request 5 ok',
  ].map((text, i) => `${label(T0 + i)} ${text}`);
  writeLog(join(root, 'web/log/main'), lines, 100, (i) => T0 + i);
  return { root, dir: join(root, 'web') };
}

describe('e/E and w/W with the operator words', () => {
  const landedOn = (t: LogTimeline) => {
    const w = t.window();
    return w.lines[w.landed!]!.slice(26);
  };

  it('step to the words of the file, in a single log and in the merged view', async () => {
    const { root, dir } = tree('error-pattern \\boops\\b\nwarning-pattern ^retrying\n');
    const logs = new LocalLogs(root);
    for (const t of [logs.open(dir, 10), logs.openMerged([dir], 10)]) {
      if ('code' in t) throw new Error(t.text);
      open.push(t);
      t.move({ kind: 'top' });
      expect(await t.stepLevel('error', 1)).toEqual({ code: 'found', text: '' });
      expect(landedOn(t)).toBe('oops: cache miss storm');
      expect((await t.stepLevel('error', 1)).code).toBe('none');
      expect((await t.stepLevel('warning', 1)).code).toBe('found');
      expect(landedOn(t)).toBe('retrying upstream');
    }
  });

  it('with a bad line: the default words, and the step says what was wrong', async () => {
    const { root, dir } = tree('error-pattern (oops\n');
    const t = new LocalLogs(root).open(dir, 10);
    if ('code' in t) throw new Error(t.text);
    open.push(t);
    t.move({ kind: 'top' });
    const landed = await t.stepLevel('error', 1);
    expect(landed.code).toBe('found');
    expect(landed.text).toMatch(
      /^.*\/\.svtui\/logview:1:15: expected a regular expression, got "\(oops" .*; the default used$/,
    );
    expect(landedOn(t)).toBe('ERROR job 1 failed');
  });
});
