// Reading a service's event files: supervise/svtui-events.old (the rotated one) then
// supervise/svtui-events, oldest first, through the health engine's codec. A missing file is
// no events; a torn or foreign line is skipped. The raw line is kept beside the event so
// `svtui events --json` prints exactly what was written, keys it does not know included.
import { readFileSync, statSync } from 'node:fs';
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

/**
 * A service's events kept between looks: read again only when either file changed (inode, size,
 * mtime), a stat of two small files otherwise. The same array comes back while nothing changed.
 */
export class ServiceEvents {
  private stamp = '';
  private events: HealthEvent[] = [];

  constructor(readonly serviceDir: string) {}

  read(): readonly HealthEvent[] {
    const path = eventsPath(this.serviceDir);
    const stamp = `${fileStamp(`${path}.old`)}/${fileStamp(path)}`;
    if (stamp === this.stamp) return this.events;
    this.stamp = stamp;
    this.events = readServiceEvents(this.serviceDir).lines.map((l) => l.event);
    return this.events;
  }
}

function fileStamp(path: string): string {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return '-';
  }
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
