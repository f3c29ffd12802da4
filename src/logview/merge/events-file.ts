// A service's restart markers, read from the supervisor's events (supervise/svtui-events and the
// older svtui-events.old beside it, both bounded) and read again only when either changed.
import { ServiceEvents } from '../../events/read.js';
import type { HealthEvent } from '../../health/event.js';
import { restartMarkers, type Marker } from './restart-markers.js';

export class EventMarkers {
  private readonly events: ServiceEvents;
  private seen: readonly HealthEvent[] | undefined;
  private markers: Marker[] = [];

  constructor(
    serviceDir: string,
    readonly name: string,
  ) {
    this.events = new ServiceEvents(serviceDir);
  }

  /** The markers now (a stat of two small files when nothing changed). */
  read(): readonly Marker[] {
    const events = this.events.read();
    if (events === this.seen) return this.markers;
    this.seen = events;
    this.markers = restartMarkers(events, this.name);
    return this.markers;
  }
}
