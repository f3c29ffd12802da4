// A service's restart markers, read from the supervisor's events (supervise/svtui-events and the
// older svtui-events.old beside it, both bounded) and read again only when either changed.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEvents } from '../../health/event.js';
import { restartMarkers, type Marker } from './restart-markers.js';

const FILES = ['svtui-events.old', 'svtui-events'];

export class EventMarkers {
  private signature = '';
  private markers: Marker[] = [];

  constructor(
    private readonly serviceDir: string,
    readonly name: string,
  ) {}

  /** The markers now (a stat of two small files when nothing changed). */
  read(): readonly Marker[] {
    const paths = FILES.map((f) => join(this.serviceDir, 'supervise', f));
    const signature = paths.map(stamp).join('|');
    if (signature === this.signature) return this.markers;
    this.signature = signature;
    const text = paths.map(readText).join('');
    this.markers = restartMarkers(decodeEvents(text), this.name);
    return this.markers;
  }
}

function stamp(path: string): string {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return '-';
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
