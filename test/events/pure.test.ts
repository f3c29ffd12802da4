// The pure parts of `svtui events`: merging services' events in time order, one line per event
// in a zone, the command line, and reading complete lines only.
import { describe, expect, it } from 'vitest';
import { parseEventsArgs } from '../../src/events/args.js';
import { formatEventLine, formatTime, KIND_WIDTH, nameWidth } from '../../src/events/format.js';
import { mergeByTime } from '../../src/events/merge.js';
import { decodeLines, type EventLine } from '../../src/events/read.js';
import { encodeEvent, type EventKind } from '../../src/health/event.js';
import { resolveZone } from '../../src/time/zone.js';

const line = (time: string, kind: EventKind, text: string): EventLine => {
  const event = { time, service: 's', kind, text };
  return { event, raw: encodeEvent(event).trimEnd() };
};

describe('merge', () => {
  it('orders by time across services; a tie keeps the order services were named, then the file order', () => {
    const a = [
      line('2026-11-30T10:00:00.000Z', 'start', 'a1'),
      line('2026-11-30T10:00:02.000Z', 'exit', 'a2'),
      line('2026-11-30T10:00:02.000Z', 'start', 'a3'),
    ];
    const b = [
      line('2026-11-30T10:00:01.000Z', 'start', 'b1'),
      line('2026-11-30T10:00:02.000Z', 'stop', 'b2'),
    ];
    const merged = mergeByTime([
      { name: 'a', lines: a },
      { name: 'b', lines: b },
    ]);
    expect(merged.map((l) => `${l.name}:${l.event.text}`)).toEqual([
      'a:a1',
      'b:b1',
      'a:a2',
      'a:a3',
      'b:b2',
    ]);
  });

  it('compares instants, not strings (an offset written in another form)', () => {
    const merged = mergeByTime([
      { name: 'a', lines: [line('2026-11-30T11:00:00+01:00', 'start', 'ten')] },
      { name: 'b', lines: [line('2026-11-30T09:30:00.000Z', 'start', 'half past nine')] },
    ]);
    expect(merged.map((l) => l.event.text)).toEqual(['half past nine', 'ten']);
  });
});

describe('one line per event', () => {
  const utc = resolveZone('UTC').zone;

  it('time in the zone with milliseconds, the service padded, the kind padded, the text', () => {
    const [l] = mergeByTime([
      {
        name: 'web',
        lines: [
          line('2026-11-30T13:00:59.123Z', 'check-failed', 'port failed: \u001b]52;c;x\u0007'),
        ],
      },
    ]);
    expect(formatEventLine(l!, utc, nameWidth(['web', 'db/log']))).toBe(
      `2026-11-30 13:00:59.123  web     ${'check-failed'.padEnd(KIND_WIDTH)}  port failed: ?]52;c;x?`,
    );
  });

  it('in another zone, and a time that does not parse is shown as written', () => {
    const paris = resolveZone('Europe/Paris').zone;
    expect(formatTime('2026-07-01T00:00:00.005Z', paris)).toBe('2026-07-01 02:00:00.005');
    expect(formatTime('yesterday', utc)).toBe('yesterday');
  });
});

describe('reading', () => {
  it('takes complete lines only and skips what does not decode', () => {
    const text = `${encodeEvent({ time: 't', service: 's', kind: 'start', text: 'ok' })}{"torn\n{"time":"t","service":"s","kind":"start","text":"half`;
    expect(decodeLines(text).map((l) => l.event.text)).toEqual(['ok']);
    expect(decodeLines(text)[0]!.raw).toBe('{"time":"t","service":"s","kind":"start","text":"ok"}');
  });
});

describe('arguments', () => {
  it('--json, --follow or -f, --tz ZONE or --tz=ZONE, operands', () => {
    expect(parseEventsArgs(['-f', '--tz', 'UTC', '--json', 'a'])).toEqual({
      ok: true,
      json: true,
      follow: true,
      tz: 'UTC',
      operands: ['a'],
    });
    expect(parseEventsArgs(['--tz=Europe/Paris', '--', '-f'])).toMatchObject({
      follow: false,
      tz: 'Europe/Paris',
      operands: ['-f'],
    });
    expect(parseEventsArgs(['--tz'])).toEqual({
      ok: false,
      error: '--tz needs a zone name, e.g. --tz Europe/Paris',
    });
    expect(parseEventsArgs(['--since'])).toEqual({ ok: false, error: 'unknown option --since' });
  });
});
