// The monitor-file parser, table-driven: each statement's typed rule, positions, every error of
// a file at once, and the monitrc parser.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CYCLE_SECONDS,
  formatError,
  parseMonitor,
  parseMonitrc,
} from '../../src/monitor/index.js';
import { ACCEPTED, EXTENSIONS } from './corpus.js';

const one = (line: string) => {
  const parsed = parseMonitor(line, 'svc/monitor');
  expect(parsed.errors.map(formatError)).toEqual([]);
  return parsed.rules[0];
};
const alert = { kind: 'alert' } as const;
const once = { times: 1, within: 1 };
const byDefault = { action: alert, rate: once, written: false };

describe('parseMonitor: one rule per statement', () => {
  it.each([...ACCEPTED, ...EXTENSIONS])('accepts %s', (line) => {
    expect(parseMonitor(line, 'm').errors).toEqual([]);
  });

  it('a port test with every option, and its defaults', () => {
    expect(
      one(
        'if failed host db port 5432 type tcp protocol http request "/h" status = 200 content != "err" timeout 3 seconds retry 2 for 3 cycles then restart else if succeeded 2 times within 4 cycles then exec "/bin/notify \'a b\' c" repeat every 5 cycles',
      ),
    ).toEqual({
      kind: 'port',
      at: { line: 1, column: 1 },
      host: 'db',
      port: 5432,
      http: { request: '/h', status: { op: '=', value: 200 } },
      content: { op: '!=', pattern: 'err' },
      timeoutSeconds: 3,
      retry: 2,
      rate: { times: 3, within: 3 },
      then: { kind: 'restart' },
      else: {
        action: {
          kind: 'exec',
          command: { text: "/bin/notify 'a b' c", argv: ['/bin/notify', 'a b', 'c'] },
          repeatEvery: 5,
        },
        rate: { times: 2, within: 4 },
        written: true,
      },
    });
    expect(one('if failed port 80 protocol http then alert')).toEqual({
      kind: 'port',
      at: { line: 1, column: 1 },
      host: 'localhost',
      port: 80,
      http: { request: '/' },
      timeoutSeconds: 5,
      retry: 0,
      rate: once,
      then: alert,
      else: byDefault,
    });
  });

  it('a program probe: exit 0 is success unless a status is written', () => {
    expect(one('if failed program "./check" then restart')).toMatchObject({
      kind: 'program',
      command: { argv: ['./check'] },
      timeoutSeconds: 5,
      status: { op: '=', value: 0 },
    });
    expect(
      one('if failed program "./check -v" with timeout 9 seconds status < 2 then alert'),
    ).toMatchObject({
      command: { argv: ['./check', '-v'] },
      timeoutSeconds: 9,
      status: { op: '<', value: 2 },
    });
  });

  it.each([
    ['if cpu > 50.5% then alert', { resource: 'cpu', op: '>', limit: 50.5, unit: 'percent' }],
    [
      'if total cpu ge 80 percent then alert',
      { resource: 'totalcpu', op: '>=', limit: 80, unit: 'percent' },
    ],
    [
      'if memory > 200 MB then restart',
      { resource: 'memory', limit: 200 * 1024 ** 2, unit: 'bytes' },
    ],
    ['if mem > 1.5 GB then restart', { resource: 'memory', limit: 1.5 * 1024 ** 3, unit: 'bytes' }],
    [
      'if totalmem > 512 kb then alert',
      { resource: 'totalmemory', limit: 512 * 1024, unit: 'bytes' },
    ],
    [
      'if total memory usage is greater than 80% then alert',
      { resource: 'totalmemory', op: '>', limit: 80, unit: 'percent' },
    ],
    ['if children lt 2 then alert', { resource: 'children', op: '<', limit: 2, unit: 'count' }],
    ['if threads != 4 then alert', { resource: 'threads', op: '!=', limit: 4, unit: 'count' }],
  ])('resource: %s', (line, expected) => {
    expect(one(line)).toMatchObject({ kind: 'resource', ...expected });
  });

  it.each([
    ['if uptime > 3 hours then restart', 3 * 3600],
    ['if uptime > 2 days then restart', 2 * 86400],
    ['if uptime > 90 m then restart', 90 * 60],
    ['if uptime < 30 s then alert', 30],
  ])('uptime: %s', (line, seconds) => {
    expect(one(line)).toMatchObject({ kind: 'uptime', seconds });
  });

  it("restart limits: timeout is monit's old word for unmonitor", () => {
    expect(one('if 3 restarts within 5 cycles then timeout')).toEqual({
      kind: 'restarts',
      at: { line: 1, column: 1 },
      count: 3,
      cycles: 5,
      then: { kind: 'unmonitor' },
    });
  });

  it('rates: for N cycles is N of N; N times within M is N of M', () => {
    expect(one('if cpu > 1% for 4 cycles then alert')).toMatchObject({
      rate: { times: 4, within: 4 },
    });
    expect(one('if cpu > 1% 2 times within 6 cycles then alert')).toMatchObject({
      rate: { times: 2, within: 6 },
    });
  });

  it('else ACTION is recovery at once; statements span lines; positions are the if', () => {
    const parsed = parseMonitor(
      '# rules\n\nif cpu > 90% for 2 cycles\n   then alert\n   else restart\n  if failed port 80 \\\n then restart\nevery 2 cycles\n',
      'm',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rules.map((r) => r.at)).toEqual([
      { line: 3, column: 1 },
      { line: 6, column: 3 },
    ]);
    expect(parsed.rules[0]).toMatchObject({
      else: { action: { kind: 'restart' }, rate: once, written: true },
    });
    expect(parsed.every).toEqual({ cycles: 2, at: { line: 8, column: 1 } });
  });
});

describe('parseMonitor: errors', () => {
  it('names file, line, column, what was expected and what was found', () => {
    const text = [
      'if cpu > 50% then alert',
      'check process x with pidfile /tmp/x.pid',
      'if memory > 200 then alert',
      'if failed port 80 then restart',
      '  if uptime > 3 months then restart',
      'set mailserver localhost',
      'include /etc/monit.d/*',
      'if changed pid then alert',
    ].join('\n');
    const parsed = parseMonitor(text, 'www/monitor');
    expect(parsed.rules.map((r) => r.kind)).toEqual(['resource', 'port']);
    expect(parsed.errors.map(formatError)).toEqual([
      `www/monitor:2:1: expected "if" or "every", got "check" (a monitor file holds one service's rules, not monit's check blocks)`,
      'www/monitor:3:17: expected a unit (B, KB, MB, GB or %), got "then"',
      'www/monitor:5:17: expected a unit (seconds, minutes, hours or days), got "months" (a month has no fixed length; write days)',
      `www/monitor:6:1: expected "if" or "every", got "set" (tree-wide settings go in .svtui/monitrc, which takes only 'set daemon')`,
      'www/monitor:7:1: expected "if" or "every", got "include" (svtui reads one monitor file per service)',
      `www/monitor:8:4: expected "failed", cpu, totalcpu, memory, totalmem, children, threads, uptime or "N restarts", got "changed" (monit's 'if changed' tests are not supported by svtui)`,
    ]);
  });

  it('an unbalanced quote is reported where it opens, once', () => {
    const parsed = parseMonitor(
      'if cpu > 5% then alert\nif failed port 80 protocol http content = "ok then alert\n',
      'm',
    );
    expect(parsed.errors.map(formatError)).toEqual([
      'm:2:43: expected a closing ", got the end of the file',
    ]);
  });

  it('the end of the file mid-statement', () => {
    expect(parseMonitor('if cpu > 5%\n', 'm').errors.map(formatError)).toEqual([
      'm:2:1: expected "then" or "for N cycles", got the end of the file',
    ]);
  });

  it('ranges: cycles 1 to 64, times up to the cycles', () => {
    expect(
      parseMonitor('if cpu > 5% for 65 cycles then alert', 'm').errors.map(formatError),
    ).toEqual(['m:1:17: expected a number of cycles from 1 to 64, got 65']);
    expect(
      parseMonitor('if cpu > 5% 6 times within 5 cycles then alert', 'm').errors.map(formatError),
    ).toEqual(['m:1:13: expected a number of times from 1 to the 5 cycles, got 6']);
  });

  it('an empty file or only comments has no rules and no errors', () => {
    expect(parseMonitor('', 'm')).toEqual({ rules: [], errors: [] });
    expect(parseMonitor('# nothing yet\n\n', 'm')).toEqual({ rules: [], errors: [] });
  });
});

describe('parseMonitrc', () => {
  it('set daemon N [with start delay N]', () => {
    expect(parseMonitrc('# cycle\nset daemon 10 with start delay 60\n', 'rc')).toEqual({
      settings: { cycleSeconds: 10, startDelaySeconds: 60, written: true },
      errors: [],
    });
    expect(parseMonitrc('SET DAEMON 5', 'rc').settings.cycleSeconds).toBe(5);
  });

  it('absent: the default cycle', () => {
    expect(parseMonitrc('', 'rc').settings).toEqual({
      cycleSeconds: DEFAULT_CYCLE_SECONDS,
      startDelaySeconds: 0,
      written: false,
    });
    expect(DEFAULT_CYCLE_SECONDS).toBe(30);
  });

  it('refuses anything else, a zero cycle and a second set daemon', () => {
    const parsed = parseMonitrc(
      'set daemon 0\nset log syslog\nset daemon 20\nset daemon 30\ncheck process x with pidfile /p\n',
      '.svtui/monitrc',
    );
    expect(parsed.settings.cycleSeconds).toBe(20);
    expect(parsed.errors.map(formatError)).toEqual([
      '.svtui/monitrc:1:12: expected a cycle from 1 to 31556952 seconds, got 0',
      '.svtui/monitrc:2:5: expected "daemon" or "alert", got "log"',
      '.svtui/monitrc:4:1: expected one "set daemon", got "set" (monit would keep one of them)',
      `.svtui/monitrc:5:1: expected "set daemon" or "set alert", got "check" (a monitor file holds one service's rules, not monit's check blocks)`,
    ]);
  });

  it('set alert ADDRESS [with reminder on N cycles]: the address and the reminder', () => {
    const rc = (text: string) => parseMonitrc(text, 'rc');
    expect(rc('set daemon 5\nset alert ops@example.com with reminder on 3 cycles\n')).toEqual({
      settings: {
        cycleSeconds: 5,
        startDelaySeconds: 0,
        written: true,
        alert: { to: 'ops@example.com', reminderCycles: 3 },
      },
      errors: [],
    });
    expect(rc('set alert ops@example.com reminder 2').settings.alert).toEqual({
      to: 'ops@example.com',
      reminderCycles: 2,
    });
    expect(rc('SET ALERT ops@example.com').settings.alert).toEqual({ to: 'ops@example.com' });
    // monit's `reminder 0` is no reminder.
    expect(rc('set alert a@b with reminder on 0 cycles').settings.alert).toEqual({ to: 'a@b' });
  });

  it('set alert: refuses a word that is no address, event filters, a second set alert', () => {
    const parsed = parseMonitrc(
      'set alert hook\nset alert a@b not on { instance }\nset alert c@d\nset alert e@f\n',
      '.svtui/monitrc',
    );
    expect(parsed.settings.alert).toEqual({ to: 'c@d' });
    expect(parsed.errors.map(formatError)).toEqual([
      '.svtui/monitrc:1:11: expected a mail address (name@host), got "hook"',
      `.svtui/monitrc:2:15: expected "with reminder on N cycles" or the end of the statement, got "not" (monit's event filters and mail formats are not supported by svtui: the hook gets every alert)`,
      '.svtui/monitrc:4:1: expected one "set alert", got "set" (svtui runs one hook per alert: let the hook tell every address)',
    ]);
  });
});
