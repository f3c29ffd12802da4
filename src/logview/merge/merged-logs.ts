// The logs a merged timeline interleaves: for each service its log directory and its restart
// markers (read from its events), each a stream tagged with the service's name; and the
// watchers that say when either changed.
import type { Zone } from '../../time/zone.js';
import type { LogFiles } from '../files.js';
import { watchLogDir } from '../watch.js';
import { EventMarkers } from './events-file.js';
import type { MergedLog } from './merged-search.js';
import { DirectoryStream, MarkerStream } from './streams.js';

export interface MergedService {
  name: string;
  serviceDir: string;
  logDir: string;
}

export interface MergedLogs {
  /** A service's log directory, then its markers, for each service in turn. */
  logs: MergedLog[];
  /** Each log's service. */
  names: string[];
  /** Read every service's markers again (its events changed). */
  reloadMarkers(): void;
}

export function mergedLogs(
  services: readonly MergedService[],
  deps: { files: LogFiles; stampZone: Zone },
): MergedLogs {
  const logs: MergedLog[] = [];
  const names: string[] = [];
  const markers: { events: EventMarkers; stream: MarkerStream }[] = [];
  for (const service of services) {
    const events = new EventMarkers(service.serviceDir, service.name);
    const stream = new MarkerStream(events.read(), logs.length + 1);
    const dir = service.logDir;
    logs.push({ stream: new DirectoryStream(deps.files, dir, logs.length, deps.stampZone), dir });
    logs.push({ stream, markers: () => events.read() });
    names.push(service.name, service.name);
    markers.push({ events, stream });
  }
  return {
    logs,
    names,
    reloadMarkers: () => {
      for (const { events, stream } of markers) stream.setMarkers(events.read());
    },
  };
}

/** Watch every service's log directory and events; the stops. */
export function watchServices(
  services: readonly MergedService[],
  changed: () => void,
): (() => void)[] {
  return services.flatMap((service) => [
    watchLogDir(service.logDir, changed, 80),
    watchLogDir(`${service.serviceDir}/supervise`, changed, 1000),
  ]);
}
