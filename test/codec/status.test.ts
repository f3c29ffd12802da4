// Unit tests of src/codec/status.ts against every hexdump observed in spec §2.3, §2.6, §2.7.
import { describe, expect, it } from 'vitest';
import { packStatus, unpackStatus, type ServiceStatus } from '../../src/codec/status.js';
import { TAI_UNIX_OFFSET } from '../../src/codec/tai64n.js';

const hex = (text: string) => Buffer.from(text.replace(/[^0-9a-f]/g, ''), 'hex');
const unix = (label: string) => BigInt(`0x${label}`) - TAI_UNIX_OFFSET;

function decode(text: string): ServiceStatus {
  const decoded = unpackStatus(hex(text));
  if (!decoded.ok) throw new Error(`bad format: ${text}`);
  return decoded.status;
}

describe('daemontools 18-byte status (spec §2.3)', () => {
  const cases: [string, string, Partial<ServiceStatus>][] = [
    ['up', '400000006b04a075 0c7feda4 eb200000 00 75', { pid: 8427, paused: false, want: 'up' }],
    ['paused', '400000006b04a075 0c7feda4 eb200000 01 75', { pid: 8427, paused: true }],
    ['down after -d', '400000006b04a082 2b72371c 00000000 00 64', { pid: 0, want: 'down' }],
    ['once', '400000006b04a085 08921974 a1220000 00 00', { pid: 8865, want: 'once' }],
    ['TERM ignored', '400000006b04a090 0d374ef4 0a240000 00 64', { pid: 9226, want: 'down' }],
    ['exited', '400000006b04a094 38103dd4 00000000 00 64', { pid: 0, state: 'down' }],
  ];
  it.each(cases)('%s', (_name, dump, expected) => {
    const decoded = unpackStatus(hex(dump));
    expect(decoded.ok && decoded.format).toBe('daemontools');
    const status = decode(dump);
    expect(status).toMatchObject(expected);
    expect(status.since.seconds).toBe(unix(dump.slice(0, 16)));
    expect(status.since.nanoseconds).toBe(parseInt(dump.slice(17, 25), 16));
    expect(status.state).toBe(status.pid === 0 ? 'down' : 'run');
    expect(status.gotTerm).toBe(false);
  });

  it('round-trips through packStatus (first 18 bytes are the daemontools layout)', () => {
    for (const [, dump] of cases) {
      const packed = packStatus(decode(dump));
      expect(packed.length).toBe(20);
      expect(packed.subarray(0, 18).toString('hex')).toBe(hex(dump).toString('hex'));
    }
  });

  it('keeps the pid unsigned 32-bit, little-endian', () => {
    expect(decode('400000006b04a075 00000000 feffffff 00 75').pid).toBe(4294967294);
  });

  it('a nonzero paused byte other than 1 still means paused', () => {
    expect(decode('400000006b04a075 00000000 01000000 07 75').paused).toBe(true);
  });
});

describe('runit 20-byte status (spec §2.6)', () => {
  const cases: [string, string, Partial<ServiceStatus>][] = [
    ['run', '400000006b04a114 39508dd4 6b3c0000 00 75 00 01', { pid: 15467, state: 'run' }],
    ['down', '400000006b04a11d 0cbc008c 00000000 00 64 00 00', { pid: 0, state: 'down' }],
    ['paused', '400000006b04a114 39508dd4 373d0000 01 75 00 01', { paused: true, state: 'run' }],
    [
      'want down, got TERM',
      '400000006b04a123 056ffd9c 973d0000 00 64 01 01',
      { want: 'down', gotTerm: true, state: 'run', pid: 0x3d97 },
    ],
    [
      'finish',
      '400000006b04a123 056ffd9c d13d0000 00 64 00 02',
      { want: 'down', state: 'finish', pid: 0x3dd1 },
    ],
  ];
  it.each(cases)('%s', (_name, dump, expected) => {
    const decoded = unpackStatus(hex(dump));
    expect(decoded.ok && decoded.format).toBe('runit');
    expect(decode(dump)).toMatchObject(expected);
  });

  it('packs byte for byte what runsv writes', () => {
    for (const [, dump] of cases) expect(packStatus(decode(dump))).toEqual(hex(dump));
  });
});

describe('s6 35-byte status (spec §2.7)', () => {
  it('up', () => {
    const dump = '400000006b04a15f1ffdd95b 400000006b04a15f1ff9bb94 0000000000003ee3 0000 04';
    const decoded = unpackStatus(hex(dump));
    expect(decoded.ok && decoded.format).toBe('s6');
    expect(decode(dump)).toMatchObject({ pid: 0x3ee3, want: 'up', paused: false, state: 'run' });
  });
  it('down after SIGTERM, and paused', () => {
    const down = '400000006b04a15f1ffdd95b 400000006b04a15f1ff9bb94 0000000000000000 000f 08';
    expect(decode(down)).toMatchObject({ pid: 0, want: 'down', state: 'down' });
    const paused = '400000006b04a15f1ffdd95b 400000006b04a15f1ff9bb94 0000000000003ee3 0000 05';
    expect(decode(paused)).toMatchObject({ paused: true, want: 'up' });
  });
});

describe('short files', () => {
  it.each([0, 1, 5, 17])('%i bytes is bad format', (length) => {
    expect(unpackStatus(Buffer.alloc(length))).toEqual({ ok: false, reason: 'bad format', length });
  });
});
