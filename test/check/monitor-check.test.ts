// `svtui check` and health monitoring: every error of every service's monitor file and of the
// tree's .svtui/monitrc at file:line:column (exit 1), the alert hook, and .svtui itself, which
// is the tree's settings and no stray service. Pure rules first, then the built CLI on a tree.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertHookProblems, monitorProblems } from '../../src/check/monitor-rules.js';
import { checkTree } from '../../src/check/rules.js';
import { runCli, tempDir } from '../support/tools.js';

describe('monitor rules in checkTree', () => {
  it('a monitor file: one finding per error, with line and column', () => {
    expect(
      monitorProblems('T/a/monitor', 'if cpu > 5% then alert\nif memory > 5 then alert\n'),
    ).toEqual([
      {
        path: 'T/a/monitor',
        line: 2,
        column: 15,
        message: 'expected a unit (B, KB, MB, GB or %), got "then"',
      },
    ]);
    expect(monitorProblems('T/a/monitor', undefined)).toEqual([]);
  });

  it('the alert hook must be an executable file when present', () => {
    expect(alertHookProblems('T/.svtui/alert', { type: 'missing' })).toEqual([]);
    expect(
      alertHookProblems('T/.svtui/alert', { type: 'file', executable: true, head: '' }),
    ).toEqual([]);
    expect(
      alertHookProblems('T/.svtui/alert', { type: 'file', executable: false, head: '' }),
    ).toEqual([
      {
        path: 'T/.svtui/alert',
        message: 'not executable: no alert can be sent; chmod +x T/.svtui/alert',
      },
    ]);
  });

  it(".svtui is the tree's settings, not a skipped service", () => {
    const findings = checkTree({
      dir: 'T',
      ownRun: { type: 'missing' },
      entries: [{ name: '.svtui', entry: { type: 'directory' } }],
      monitrc: 'set daemon 0\n',
    });
    expect(findings).toEqual([
      {
        path: 'T/.svtui/monitrc',
        line: 1,
        column: 12,
        message: 'expected a cycle from 1 to 31556952 seconds, got 0',
      },
    ]);
  });
});

describe('svtui check DIR with monitor files', () => {
  const tree = () => {
    const root = tempDir('svtui-check-monitor-');
    for (const name of ['a', 'b']) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'run'), '#!/bin/sh\nexec sleep 100\n');
      chmodSync(join(root, name, 'run'), 0o755);
    }
    mkdirSync(join(root, '.svtui'));
    return root;
  };

  it('good rules and settings: the usual summary, exit 0', () => {
    const root = tree();
    writeFileSync(join(root, 'a/monitor'), 'if failed port 80 protocol http then restart\n');
    writeFileSync(join(root, '.svtui/monitrc'), 'set daemon 10\n');
    const r = runCli(['check', root]);
    expect(r.stdout.toString()).toBe(`${root}: 2 services, no problems found\n`);
    expect(r.status).toBe(0);
  });

  it('every error of every file, file:line:column, exit 1', () => {
    const root = tree();
    writeFileSync(
      join(root, 'a/monitor'),
      'if cpu > 5% then alert\n\n  if changed pid then alert\n',
    );
    writeFileSync(
      join(root, 'b/monitor'),
      'check process b with pidfile /run/b.pid\nif failed port 99999 then restart\n',
    );
    writeFileSync(join(root, '.svtui/monitrc'), 'set daemon 30\nset httpd port 2812\n');
    writeFileSync(join(root, '.svtui/alert'), '#!/bin/sh\n');
    const r = runCli(['check', root]);
    expect(r.stdout.toString()).toBe(
      [
        `${root}/a/monitor:3:6: expected "failed", cpu, totalcpu, memory, totalmem, children, threads, uptime or "N restarts", got "changed" (monit's 'if changed' tests are not supported by svtui)`,
        `${root}/b/monitor:1:1: expected "if" or "every", got "check" (a monitor file holds one service's rules, not monit's check blocks)`,
        `${root}/b/monitor:2:16: expected a port from 1 to 65535, got 99999`,
        `${root}/.svtui/monitrc:2:5: expected "daemon" or "alert", got "httpd"`,
        `${root}/.svtui/alert: not executable: no alert can be sent; chmod +x ${root}/.svtui/alert`,
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(1);
  });
});
