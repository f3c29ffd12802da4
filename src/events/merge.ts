// Events of several services as one timeline: ordered by their time, and where two share a
// time, by the order the services were named, then by their order in the file. Pure.
import type { EventLine } from './read.js';

export interface NamedLine extends EventLine {
  /** The service as the output names it. */
  name: string;
}

export function mergeByTime(
  streams: readonly { name: string; lines: readonly EventLine[] }[],
): NamedLine[] {
  const keyed = streams.flatMap((s, stream) =>
    s.lines.map((line, index) => ({
      line: { ...line, name: s.name },
      ms: timeMs(line),
      stream,
      index,
    })),
  );
  keyed.sort((a, b) => a.ms - b.ms || a.stream - b.stream || a.index - b.index);
  return keyed.map((k) => k.line);
}

/** The event's time in ms; one that does not parse sorts first (it cannot be placed). */
function timeMs(line: EventLine): number {
  const ms = Date.parse(line.event.time);
  return Number.isNaN(ms) ? -Infinity : ms;
}
