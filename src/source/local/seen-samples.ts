// What this console measured itself, for the service view's charts where no supervisor keeps a
// history (daemontools' svscan, runsvdir or s6-svscan alone: the console samples /proc every 2 s,
// read-only). The last 10 minutes per service in typed-array rings — 300 samples of CPU and RSS,
// about 3.6 KB a service, so 1000 services stay within a few MB. Only samples taken from /proc are
// kept: where the supervisor's history exists, the view reads that instead.
import type { HistoryPoint, ResourceSample, ServiceId } from '../port.js';

/** 10 minutes at the 2-second sweep. */
export const SEEN_CAPACITY = 300;

interface Ring {
  atS: Uint32Array;
  cpu: Float32Array;
  rssKB: Float32Array;
  /** Samples written so far (the next slot is count % capacity). */
  count: number;
}

export class SeenSamples {
  private readonly rings = new Map<ServiceId, Ring>();

  constructor(private readonly capacity = SEEN_CAPACITY) {}

  /** One sweep: every sample measured from /proc joins its service's ring. */
  record(samples: readonly ResourceSample[], atMs: number): void {
    for (const { id, resources } of samples) {
      if (resources?.from !== 'proc') continue;
      let ring = this.rings.get(id);
      if (!ring) {
        const n = this.capacity;
        ring = {
          atS: new Uint32Array(n),
          cpu: new Float32Array(n),
          rssKB: new Float32Array(n),
          count: 0,
        };
        this.rings.set(id, ring);
      }
      const slot = ring.count % this.capacity;
      ring.atS[slot] = Math.floor(atMs / 1000);
      ring.cpu[slot] = resources.cpuPercent ?? NaN;
      ring.rssKB[slot] = resources.rssKB;
      ring.count++;
    }
  }

  /** The service's samples, oldest first (none: never measured here). */
  points(id: ServiceId): HistoryPoint[] {
    const ring = this.rings.get(id);
    if (!ring) return [];
    const n = Math.min(ring.count, this.capacity);
    const out: HistoryPoint[] = [];
    for (let i = ring.count - n; i < ring.count; i++) {
      const slot = i % this.capacity;
      const cpu = ring.cpu[slot]!;
      out.push({
        atMs: ring.atS[slot]! * 1000,
        ...(Number.isNaN(cpu) ? {} : { cpuPercent: Math.round(cpu * 10) / 10 }),
        rssKB: ring.rssKB[slot]!,
      });
    }
    return out;
  }
}
