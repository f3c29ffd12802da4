// svstat's line building (spec §3.2), pure: every observed format, suffix order, the clock.
import { describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../../src/codec/status.js';
import { describeStatus, formatSvstatLine } from '../../src/control/svstat-line.js';

const now = 1_700_000_000n;
const status = (over: Partial<ServiceStatus>): ServiceStatus => ({
  since: { seconds: now - 1n, nanoseconds: 0 },
  pid: 0,
  paused: false,
  want: 'up',
  gotTerm: false,
  state: 'down',
  ...over,
});

describe('describeStatus', () => {
  it.each([
    [{ pid: 8427 }, false, 'up (pid 8427) 1 seconds'],
    [{ pid: 8427, paused: true }, false, 'up (pid 8427) 1 seconds, paused'],
    [{ want: 'down' }, false, 'down 1 seconds, normally up'],
    [{ want: 'down' }, true, 'down 1 seconds'],
    [{ pid: 8865, want: 'once' }, true, 'up (pid 8865) 1 seconds, normally down'],
    [{ pid: 9226, want: 'down' }, false, 'up (pid 9226) 1 seconds, want down'],
    [
      { pid: 9226, want: 'down', paused: true },
      false,
      'up (pid 9226) 1 seconds, paused, want down',
    ],
    [
      { pid: 9226, want: 'down', paused: true },
      true,
      'up (pid 9226) 1 seconds, normally down, paused, want down',
    ],
    [{ want: 'up' }, false, 'down 1 seconds, normally up, want up'],
    [{ want: 'up' }, true, 'down 1 seconds, want up'],
    [{ pid: 1, want: 'up' }, false, 'up (pid 1) 1 seconds'],
    [{ want: 'down', paused: true }, false, 'down 1 seconds, normally up'],
    [{ want: 'once' }, false, 'down 1 seconds, normally up'],
    [{ pid: 4294967294 }, false, 'up (pid 4294967294) 1 seconds'],
  ] as [Partial<ServiceStatus>, boolean, string][])('%j normallyDown=%s', (over, down, text) => {
    expect(describeStatus(status(over), down, now)).toBe(text);
  });

  it('a stamp in the future counts as 0 seconds', () => {
    const future = status({ since: { seconds: now + 4_000_000_000n, nanoseconds: 0 } });
    expect(describeStatus(future, false, now)).toBe('down 0 seconds, normally up, want up');
  });

  it('counts whole seconds and ignores nanoseconds', () => {
    const s = status({ since: { seconds: now - 3600n, nanoseconds: 999_999_999 } });
    expect(describeStatus(s, true, now)).toBe('down 3600 seconds, want up');
  });

  it('prints the seconds through a double, as tai_approx does: rounded past 2^53', () => {
    const s = status({ since: { seconds: now - 3071742334151868629n, nanoseconds: 0 } });
    expect(describeStatus(s, false, now)).toBe(
      'down 3071742334151868416 seconds, normally up, want up',
    );
    const exact = status({ since: { seconds: now - 9007199254740993n, nanoseconds: 0 } });
    expect(describeStatus(exact, false, now)).toMatch(/^down 9007199254740992 seconds/);
  });

  it('runsv in finish shows as up with the finish pid, as daemontools svstat shows it', () => {
    const s = status({ pid: 0x3dd1, state: 'finish', want: 'down' });
    expect(describeStatus(s, false, now)).toBe('up (pid 15825) 1 seconds, want down');
  });
});

describe('formatSvstatLine', () => {
  it('prefixes the directory as given', () => {
    expect(formatSvstatLine('./a/', { ok: false, reason: 'supervise not running' }, now)).toBe(
      './a/: supervise not running',
    );
    const observed = { ok: true as const, normallyDown: false, status: status({ pid: 7 }) };
    expect(formatSvstatLine('sv1', observed, now)).toBe('sv1: up (pid 7) 1 seconds');
  });
});
