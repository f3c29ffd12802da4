// The referee for what is monit's grammar: the real `monit -t`, line by line. Each corpus line
// is wrapped in a minimal control file (`check process x with pidfile /tmp/x.pid` + the line);
// monit's verdict must be svtui's for every line svtui claims, and for the lines monit accepts
// that svtui refuses (corpus REFUSED), svtui must say why. Skipped loudly without monit.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError, parseMonitor, parseMonitrc } from '../../src/monitor/index.js';
import { runSync, tempDir, which } from '../support/tools.js';
import {
  ACCEPTED,
  EXTENSIONS,
  MONITRC_ACCEPTED,
  MONITRC_REFUSED,
  MONITRC_REJECTED,
  REFUSED,
  REJECTED,
} from './corpus.js';

const monit = which('monit');
if (!monit) {
  process.stderr.write(
    '\n*** SKIPPED: monit is missing from PATH: the rule grammar is not compared with monit -t ' +
      '(apt-get install -y monit; .ci/run does) ***\n\n',
  );
}

function monitAccepts(line: string, global = false): { ok: boolean; output: string } {
  const dir = tempDir('svtui-monit-');
  const rc = join(dir, 'monitrc');
  const check = 'check process x with pidfile /tmp/x.pid';
  writeFileSync(rc, global ? `${line}\n${check}\n` : `${check}\n${line}\n`);
  chmodSync(rc, 0o600);
  const r = runSync([monit as string, '-t', '-c', rc], { env: { ...process.env, HOME: dir } });
  return { ok: r.status === 0, output: `${r.stdout.toString()}${r.stderr.toString()}` };
}

const svtui = (line: string) => parseMonitor(line, 'monitor').errors.map(formatError);

describe.skipIf(!monit)('rule lines against monit -t', () => {
  it.each(ACCEPTED)('both accept: %s', (line) => {
    expect(monitAccepts(line).output).toMatch(/syntax OK/);
    expect(svtui(line)).toEqual([]);
  });

  it.each(REJECTED)('both reject: %s', (line) => {
    expect(monitAccepts(line).ok).toBe(false);
    expect(svtui(line)).not.toEqual([]);
  });

  it.each(REFUSED)('monit accepts, svtui refuses: %s', (line, words) => {
    expect(monitAccepts(line).ok).toBe(true);
    const errors = svtui(line);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(words);
    expect(errors[0]).toMatch(/^monitor:\d+:\d+: expected .+, got /);
  });

  it.each(EXTENSIONS)("svtui's own, which monit rejects: %s", (line) => {
    expect(monitAccepts(line).ok).toBe(false);
    expect(svtui(line)).toEqual([]);
  });
});

const svtuiRc = (text: string) => parseMonitrc(text, 'monitrc').errors.map(formatError);

describe.skipIf(!monit)('.svtui/monitrc lines against monit -t', () => {
  it.each(MONITRC_ACCEPTED)('both accept: %s', (line) => {
    expect(monitAccepts(line, true).output).toMatch(/syntax OK/);
    expect(svtuiRc(line)).toEqual([]);
  });

  it.each(MONITRC_REJECTED)('both reject: %s', (line) => {
    expect(monitAccepts(line, true).ok).toBe(false);
    expect(svtuiRc(line)).not.toEqual([]);
  });

  it.each(MONITRC_REFUSED)('monit accepts, svtui refuses: %s', (line, words) => {
    expect(monitAccepts(line, true).ok).toBe(true);
    const errors = svtuiRc(line);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(words);
  });
});
