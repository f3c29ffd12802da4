// Unit tests of src/codec/s6-status.ts: dumps s6-supervise 2.11.3.2 wrote (spec §2.7 and this
// machine), every historical layout round-tripped, and the true-TAI ↔ daemontools conversion.
import { describe, expect, it } from 'vitest';
import {
  fromTrueTai,
  packS6Status,
  toTrueTai,
  unpackS6Status,
  type S6Layout,
  type S6Status,
} from '../../src/codec/s6-status.js';
import { unpackStatus } from '../../src/codec/status.js';
import { TAI_UNIX_OFFSET } from '../../src/codec/tai64n.js';

const hex = (text: string) => Buffer.from(text.replace(/[^0-9a-f]/g, ''), 'hex');
/** A label's seconds as daemontools counts them (no leap seconds). */
const dt = (label: string) => BigInt(`0x${label}`) - TAI_UNIX_OFFSET;

function decode(text: string): S6Status {
  const decoded = unpackS6Status(hex(text));
  if (!decoded) throw new Error(`not s6: ${text}`);
  return decoded;
}

describe('what s6-supervise 2.11 writes (35 bytes, 2.5 layout)', () => {
  it('up, wanted up, not ready (no notification-fd): a true-TAI stamp 27 s ahead', () => {
    const dump = '400000006b0d64172bc90c23 400000006b0d64161dee9e51 00000000000068ff 000f 04';
    const { status, s6 } = decode(dump);
    expect(status).toEqual({
      since: { seconds: dt('400000006b0d6417') - 27n, nanoseconds: 0x2bc90c23 },
      pid: 0x68ff,
      paused: false,
      want: 'up',
      gotTerm: false,
      state: 'run',
    });
    expect(s6).toMatchObject({ layout: 's6-2.5', ready: false, wantUp: true, wstat: 15 });
    // up: the last exit belongs to a previous run, s6-svstat shows none
    expect(s6.exitCode).toBeUndefined();
    expect(s6.signal).toBeUndefined();
    expect(s6.readySince?.seconds).toBe(dt('400000006b0d6416') - 27n);
  });

  it('down after SIGTERM: signal 15, down-ready; paused: flag 1', () => {
    const down = '400000006b04a15f1ffdd95b 400000006b04a15f1ff9bb94 0000000000000000 000f 08';
    expect(decode(down).status).toMatchObject({ pid: 0, want: 'down', state: 'down' });
    expect(decode(down).s6).toMatchObject({ signal: 15, readyFlag: true, ready: false });
    const exited = '400000006b04a15f1ffdd95b 400000006b04a15f1ff9bb94 0000000000000000 0300 0c';
    expect(decode(exited).s6).toMatchObject({ exitCode: 3, wantUp: true });
    expect(decode(exited).s6.signal).toBeUndefined();
    const paused = '400000006b04a15f1ffdd95b 400000006b04a15f1ff9bb94 0000000000003ee3 0000 05';
    expect(decode(paused).status).toMatchObject({ paused: true, want: 'up', state: 'run' });
  });

  it('up and ready: flag 8; finishing: ./finish pid, ./run down', () => {
    const ready = '400000006b04a15f1ffdd95b 400000006b04a15f1ff9bb94 0000000000003ee3 0000 0c';
    expect(decode(ready).s6.ready).toBe(true);
    const finishing = '400000006b04a15f1ffdd95b 400000006b04a15f1ff9bb94 0000000000003ee4 0100 06';
    expect(decode(finishing).status).toMatchObject({ pid: 0x3ee4, state: 'finish' });
    expect(decode(finishing).s6).toMatchObject({ finishing: true, exitCode: 1, ready: false });
  });

  it('unpackStatus hands s6 files to this codec and keeps the extras', () => {
    const dump = '400000006b04a15f1ffdd95b 400000006b04a15f1ff9bb94 0000000000003ee3 0000 0c';
    const decoded = unpackStatus(hex(dump));
    expect(decoded).toMatchObject({ ok: true, format: 's6', s6: { ready: true } });
  });
});

describe('every layout s6 wrote', () => {
  const base: S6Status = {
    status: {
      since: { seconds: 1_700_000_000n, nanoseconds: 123_456_789 },
      pid: 4242,
      paused: true,
      want: 'up',
      gotTerm: false,
      state: 'run',
    },
    s6: {
      layout: 's6-2.5',
      ready: true,
      readyFlag: true,
      readySince: { seconds: 1_700_000_001n, nanoseconds: 5 },
      wantUp: true,
      finishing: false,
      wstat: 0x0200,
      flags: 0,
    },
  };
  const cases: [S6Layout, number][] = [
    ['s6-2.1', 26],
    ['s6-2.2', 35],
    ['s6-2.5', 35],
    ['s6-2.13', 43],
  ];
  it.each(cases)('%s: %i bytes, round-tripped', (layout, length) => {
    const value: S6Status = { ...base, s6: { ...base.s6, layout, pgid: 4242 } };
    const bytes = packS6Status(value);
    expect(bytes.length).toBe(length);
    const back = decode(bytes.toString('hex'));
    expect(back.status).toEqual(base.status);
    expect(back.s6.layout).toBe(layout);
    expect(back.s6.wantUp).toBe(true);
    if (layout !== 's6-2.1') expect(back.s6.readySince).toEqual(base.s6.readySince);
    if (layout === 's6-2.13') expect(back.s6.pgid).toBe(4242);
    expect(packS6Status(back)).toEqual(bytes);
  });

  it('2.1 keeps wstat little-endian after the daemontools 18; 2.2 has "once"', () => {
    const old = hex('400000006b04a15f1ffdd95b 00000000 00 64 0f00000000000000');
    expect(decode(old.toString('hex')).status).toMatchObject({ pid: 0, want: 'down' });
    expect(decode(old.toString('hex')).s6).toMatchObject({ layout: 's6-2.1', signal: 15 });
    // 2.2: flagwant (4) clear = no wanted state (s6-svc -o), ready (16) set
    const once = '400000006b04a15f1ffdd95b 400000006b04a15f1ff9bb94 0000000000003ee3 0000 10';
    expect(decode(once).status.want).toBe('once');
    expect(decode(once).s6.layout).toBe('s6-2.2');
  });

  it.each([0, 18, 20, 34, 36, 42, 44])('%i bytes is not s6', (length) => {
    expect(unpackS6Status(Buffer.alloc(length))).toBeUndefined();
  });
});

describe('true TAI (s6) ↔ daemontools time', () => {
  it('27 s today, none before the first leap second, one just after it', () => {
    const now = { seconds: 1_796_039_666n, nanoseconds: 1 };
    expect(toTrueTai(now).seconds).toBe(now.seconds + 27n);
    expect(fromTrueTai(toTrueTai(now))).toEqual(now);
    const early = { seconds: 0n, nanoseconds: 0 };
    expect(toTrueTai(early)).toEqual(early);
    const july1972 = 78_796_800n; // 1972-07-01 00:00:00 UTC, after the first inserted second
    expect(toTrueTai({ seconds: july1972, nanoseconds: 0 }).seconds).toBe(july1972 + 1n);
    expect(toTrueTai({ seconds: july1972 - 1n, nanoseconds: 0 }).seconds).toBe(july1972 - 1n);
    // the inserted second itself (23:59:60) reads as 23:59:59 again
    expect(fromTrueTai({ seconds: july1972, nanoseconds: 0 }).seconds).toBe(july1972 - 1n);
  });
});
