// The service view's reading of one service directory (the TreeSource's `detail`): the fine ring
// of supervise/svtui-resources (the past hour at 2 s, one read of ~155 KB), the events
// (supervise/svtui-events and its rotated .old, parsed again only when one of them changed), the
// `monitor` file and the engine's saved state. Paths stay here: what leaves is facts.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HealthEvent } from '../../health/event.js';
import { loadState, STATE_FILE } from '../../health/state-file.js';
import { eventsPath, readServiceEvents } from '../../events/read.js';
import { parseMonitor } from '../../monitor/index.js';
import { readResourceHistory, RESOURCE_HISTORY_FILE } from '../../resources/history-file.js';
import type { HistoryPoint, ServiceDetail, ServiceId } from '../port.js';
import { eventFacts, historyPoints, rulesFacts } from './detail-facts.js';
import { staleAfterMs, treeCycleMs } from './health.js';

interface KnownEvents {
  stamp: string;
  events: HealthEvent[];
}

export class DetailReader {
  private readonly events = new Map<ServiceId, KnownEvents>();
  private readonly cycleMs: number;

  constructor(
    root: string,
    private readonly now: () => number,
  ) {
    this.cycleMs = treeCycleMs(root);
  }

  /** `seen`: what the console sampled itself, for a service whose supervisor keeps no history. */
  async read(
    id: ServiceId,
    name: string,
    dir: string,
    seen: () => HistoryPoint[],
  ): Promise<ServiceDetail> {
    const supervise = join(dir, 'supervise');
    const found = readResourceHistory(join(supervise, RESOURCE_HISTORY_FILE));
    const fine = found.ok && found.rings[0]?.records.length ? found.rings[0] : undefined;
    const events = this.eventsOf(id, dir);
    const text = readText(join(dir, 'monitor'));
    const saved = text === undefined ? undefined : await loadState(supervise);
    return {
      id,
      history: fine ? historyPoints(fine.records) : seen(),
      paceSeconds: fine?.paceSeconds ?? 2,
      historyFrom: fine ? 'supervisor' : 'console',
      events: eventFacts(events),
      rules: rulesFacts({
        parsed: text === undefined ? undefined : parseMonitor(text, `${name}/monitor`),
        saved,
        savedAtMs: saved ? mtimeOf(join(supervise, STATE_FILE)) : undefined,
        staleAfterMs: staleAfterMs(this.cycleMs),
        events,
        cycleSeconds: this.cycleMs / 1000,
        nowMs: this.now(),
      }),
    };
  }

  /** Every event of the service, read again only when a file changed. */
  private eventsOf(id: ServiceId, dir: string): HealthEvent[] {
    const path = eventsPath(dir);
    const stamp = `${fileStamp(`${path}.old`)}/${fileStamp(path)}`;
    const known = this.events.get(id);
    if (known?.stamp === stamp) return known.events;
    const events = readServiceEvents(dir).lines.map((l) => l.event);
    this.events.set(id, { stamp, events });
    return events;
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

function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
