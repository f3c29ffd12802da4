// Reading a service's event files: supervise/svtui-events.old (the rotated one) then
// supervise/svtui-events, oldest first, through the health engine's codec. A missing file is
// no events; a torn or foreign line is skipped. The raw line is kept beside the event so
// `svtui events --json` prints exactly what was written, keys it does not know included.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEvent, type HealthEvent } from '../health/event.js';
import { EVENTS_FILE } from '../health/event-log.js';

export interface EventLine {
  event: HealthEvent;
  /** The line as written, without its newline. */
  raw: string;
}

/** The current file's path in a service directory; the rotated one adds `.old`. */
export function eventsPath(serviceDir: string): string {
  return join(serviceDir, 'supervise', EVENTS_FILE);
}

/** Every event of a service, oldest first; `found` says whether any event file exists. */
export function readServiceEvents(serviceDir: string): { lines: EventLine[]; found: boolean } {
  const path = eventsPath(serviceDir);
  const old = readText(`${path}.old`);
  const current = readText(path);
  const lines = [...decodeLines(old ?? ''), ...decodeLines(current ?? '')];
  return { lines, found: old !== undefined || current !== undefined };
}

/** Complete lines of `text` that decode (a last line without its newline is torn: skipped). */
export function decodeLines(text: string): EventLine[] {
  const out: EventLine[] = [];
  const end = text.lastIndexOf('\n');
  if (end < 0) return out;
  for (const raw of text.slice(0, end).split('\n')) {
    if (raw === '') continue;
    const decoded = decodeEvent(raw);
    if ('event' in decoded) out.push({ event: decoded.event, raw });
  }
  return out;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
