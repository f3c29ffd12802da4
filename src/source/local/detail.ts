// The service view's reading of one service directory (the TreeSource's `detail`): the fine ring
// of supervise/svtui-resources (the past hour at 2 s, one read of ~155 KB), the events
// (supervise/svtui-events and its rotated .old, parsed again only when one of them changed), the
// `monitor` file and the engine's saved state. Paths stay here: what leaves is facts.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HealthEvent } from '../../health/event.js';
import { loadState, STATE_FILE } from '../../health/state-file.js';
import { ServiceEvents } from '../../events/read.js';
import { parseMonitor } from '../../monitor/index.js';
import { readResourceHistory, RESOURCE_HISTORY_FILE } from '../../resources/history-file.js';
import type { HistoryPoint, ServiceDetail, ServiceId } from '../port.js';
import { eventFacts, historyPoints, rulesFacts } from './detail-facts.js';
import { staleAfterMs, treeCycleMs } from './health.js';

export class DetailReader {
  private readonly events = new Map<ServiceId, ServiceEvents>();
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
  /** Parsed again only when one of the event files changed. */
  private eventsOf(id: ServiceId, dir: string): readonly HealthEvent[] {
    let events = this.events.get(id);
    if (events?.serviceDir !== dir) this.events.set(id, (events = new ServiceEvents(dir)));
    return events.read();
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
