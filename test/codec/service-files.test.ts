// The meaning of runit's and s6's service-directory files, pure: values, the convention a
// directory gets, and what ./finish is told.
import { describe, expect, it } from 'vitest';
import {
  finishArgs,
  parseDownSignal,
  parseMillis,
  parseNotificationFd,
  runsFinish,
  settingsOf,
} from '../../src/codec/service-files.js';
import { parseSignal, signalNumber } from '../../src/codec/signals.js';

describe('values', () => {
  it('milliseconds: digits, blanks around them allowed', () => {
    expect(parseMillis('3000\n')).toEqual({ ok: true, value: 3000 });
    expect(parseMillis(' 0 ')).toEqual({ ok: true, value: 0 });
    expect(parseMillis('3s')).toEqual({
      ok: false,
      message: '"3s" is not a number of milliseconds',
    });
    expect(parseMillis('-1').ok).toBe(false);
    expect(parseMillis('').ok).toBe(false);
  });

  it('signals: names with or without SIG, any case, or numbers', () => {
    expect(parseSignal('TERM')).toBe('SIGTERM');
    expect(parseSignal('SIGHUP\n')).toBe('SIGHUP');
    expect(parseSignal('usr1')).toBe('SIGUSR1');
    expect(parseSignal('9')).toBe('SIGKILL');
    expect(parseSignal('SIGFOO')).toBeUndefined();
    expect(parseSignal('0')).toBeUndefined();
    expect(parseDownSignal('BOGUS')).toEqual({
      ok: false,
      message: '"BOGUS" is not a signal (write a name such as TERM or HUP)',
    });
    expect(signalNumber('TERM')).toBe(15);
    expect(signalNumber('SIGKILL')).toBe(9);
  });

  it('notification-fd: 3 or more', () => {
    expect(parseNotificationFd('3\n')).toEqual({ ok: true, value: 3 });
    expect(parseNotificationFd('1')).toEqual({
      ok: false,
      message: "fd 1 is ./run's stdout: use 3 or more",
    });
    expect(parseNotificationFd('x').ok).toBe(false);
  });
});

describe('settingsOf', () => {
  it('a plain directory is runit-like: TERM, no timeout-kill, a minute for ./finish', () => {
    const { settings, problems } = settingsOf(new Set(['run', 'finish', 'check']), {}, false);
    expect(settings).toEqual({
      convention: 'runit',
      downSignal: 'SIGTERM',
      timeoutKillMs: 0,
      timeoutFinishMs: 60000,
      check: true,
    });
    expect(problems).toEqual([]);
  });

  it('any s6-only file, or an s6-svscan tree, makes it s6-like', () => {
    expect(settingsOf(new Set(['run', 'max-death-tally']), {}, false).settings).toMatchObject({
      convention: 's6',
      timeoutFinishMs: 5000,
    });
    expect(settingsOf(new Set(['run']), {}, true).settings.convention).toBe('s6');
  });

  it('values are taken; a bad one is a problem and the default stands', () => {
    const present = new Set([
      'run',
      'timeout-kill',
      'down-signal',
      'notification-fd',
      'timeout-finish',
    ]);
    const { settings, problems } = settingsOf(
      present,
      {
        'timeout-kill': '250\n',
        'down-signal': 'HUP',
        'notification-fd': '2',
        'timeout-finish': 'soon',
      },
      false,
    );
    expect(settings).toMatchObject({
      timeoutKillMs: 250,
      downSignal: 'SIGHUP',
      timeoutFinishMs: 5000,
    });
    expect(settings.notificationFd).toBeUndefined();
    expect(problems.map((p) => p.file)).toEqual(['timeout-finish', 'notification-fd']);
  });
});

describe('finishArgs', () => {
  it('runit: code 0, or -1 and the signal; 111 0 when ./run could not start', () => {
    expect(finishArgs('runit', { kind: 'exit', code: 3 }, 'a', 42)).toEqual(['3', '0']);
    expect(finishArgs('runit', { kind: 'signal', signal: 'TERM' }, 'a', 42)).toEqual(['-1', '15']);
    expect(finishArgs('runit', { kind: 'unstarted' }, 'a', 0)).toEqual(['111', '0']);
    expect(runsFinish('runit', { kind: 'unstarted' })).toBe(true);
  });

  it("s6: code or 256, the signal, the directory's name, ./run's process group", () => {
    expect(finishArgs('s6', { kind: 'exit', code: 3 }, 'a', 42)).toEqual(['3', '0', 'a', '42']);
    expect(finishArgs('s6', { kind: 'signal', signal: 'KILL' }, 'a/log', 42)).toEqual([
      '256',
      '9',
      'a/log',
      '42',
    ]);
    expect(runsFinish('s6', { kind: 'unstarted' })).toBe(false);
    expect(runsFinish('s6', { kind: 'exit', code: 1 })).toBe(true);
  });
});
