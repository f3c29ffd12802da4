// The console's log pane as timelines: the log it shows (a service's, or the merged view's), and
// the logs it left lately, kept open ("parked", following their files) so that going back to one
// — j then k across a service with a 1 GB log — shows it at once instead of opening it again.
// Which log is wanted is the console's state (`wantedLog`); opening, parking and closing the
// timelines through the TreeSource is done here. A log at 1000 lines a second changes 50 times a
// second: its window is taken when a frame is drawn (15 a second), not at every change.
import type { LogTimeline, LogWindowFacts, ServiceId, TreeSource } from '../source/port.js';
import type { LogPaneContent } from '../screen/log-pane.js';
import type { UiState } from '../store/ui-state.js';

/** How many logs left lately are kept open. */
const PARKED_LOGS = 3;

/** A log for the pane; `key` names it: a service's id, or the merged services'. */
export interface WantedLog {
  key: string;
  id?: ServiceId;
  merged?: readonly ServiceId[];
}

/** The log the pane should show: the merged view's services, else the selected service's. */
export function wantedLog(ui: UiState): WantedLog | undefined {
  const merged = ui.logTool.merged;
  if (merged) return { key: `merged:${merged.join('/')}`, merged };
  const id = ui.selected;
  return id === undefined ? undefined : { key: id, id };
}

export interface ShownLogPorts {
  source: Pick<TreeSource, 'openLog' | 'openMergedLog'>;
  /** The service's name, for a pane whose log is absent. */
  name(id: ServiceId): string;
  /** Log lines the pane has room for. */
  rows(): number;
  /**
   * The shown log may be parked when it leaves the pane. A merged timeline (it watches every
   * merged service's log), or a log with a search or filters, is closed instead: their work
   * belongs to the pane.
   */
  parkable(): boolean;
  /** A log (opened, or back from the parked ones) is now in the pane. */
  opened(timeline: LogTimeline): void;
  /** The shown log changed: the next frame takes its window again. */
  changed(): void;
}

export class ShownLog {
  private log: { key: string; id?: ServiceId; timeline: LogTimeline; off: () => void } | undefined;
  private content: LogPaneContent = { kind: 'none' };
  /** Logs left lately, by key, the most recent last. */
  private readonly parked = new Map<string, LogTimeline>();
  private opening: string | undefined;
  /** The log changed since its window was last taken. */
  private stale = false;

  constructor(private readonly ports: ShownLogPorts) {}

  /** The shown timeline's service (none for the merged view). */
  get id(): ServiceId | undefined {
    return this.log?.id;
  }

  get timeline(): LogTimeline | undefined {
    return this.log?.timeline;
  }

  /** The pane says why there is no log (which makes it shorter). */
  get absent(): boolean {
    return this.content.kind === 'absent';
  }

  /** What the pane shows, its window taken again if the log changed since. */
  current(): LogPaneContent {
    if (this.stale && this.log) {
      this.content = { kind: 'window', window: this.log.timeline.window() };
      this.stale = false;
    }
    return this.content;
  }

  /** The shown lines, if a log is shown. */
  window(): LogWindowFacts | undefined {
    const content = this.current();
    return content.kind === 'window' ? content.window : undefined;
  }

  /** `key` is neither shown nor being opened. */
  lacks(key: string | undefined): boolean {
    return key !== this.log?.key && key !== this.opening;
  }

  /**
   * Show `wanted` (each service's place is kept by the source). True when the pane changed; false
   * when it was shown already, or when another log was asked for while this one was opening.
   */
  async show(wanted: WantedLog | undefined): Promise<boolean> {
    if (wanted?.key === this.log?.key) return false;
    this.park();
    if (wanted === undefined) return true;
    const { key, id, merged } = wanted;
    const kept = this.parked.get(key);
    let opened: LogTimeline | Awaited<ReturnType<TreeSource['openLog']>>;
    if (kept) {
      this.parked.delete(key);
      this.opening = undefined;
      kept.resize(this.ports.rows());
      opened = kept;
    } else {
      this.opening = key;
      const { source } = this.ports;
      opened = merged
        ? await source.openMergedLog(merged, this.ports.rows())
        : await source.openLog(id!, this.ports.rows());
      if (this.opening !== key) {
        if ('window' in opened) opened.close();
        return false;
      }
      this.opening = undefined;
    }
    const name = merged ? `${merged.length} services merged` : this.ports.name(id!);
    if (!('window' in opened)) {
      this.content = { kind: 'absent', name, why: opened };
      return true;
    }
    const off = opened.onChange(() => {
      this.stale = true;
      this.ports.changed();
    });
    this.log = { key, ...(id ? { id } : {}), timeline: opened, off };
    this.content = { kind: 'window', window: opened.window() };
    this.ports.opened(opened);
    return true;
  }

  resize(rows: number): void {
    this.log?.timeline.resize(rows);
  }

  /** Close the shown log and every parked one. */
  close(): void {
    this.closeShown();
    for (const timeline of this.parked.values()) timeline.close();
    this.parked.clear();
  }

  /** Leave the shown log open among the parked ones (the oldest beyond PARKED_LOGS is closed). */
  private park(): void {
    const log = this.log;
    if (!log?.id || !this.ports.parkable()) return this.closeShown();
    this.drop();
    this.parked.set(log.key, log.timeline);
    for (const [key, timeline] of this.parked) {
      if (this.parked.size <= PARKED_LOGS) break;
      this.parked.delete(key);
      timeline.close();
    }
  }

  private closeShown(): void {
    const timeline = this.log?.timeline;
    this.drop();
    timeline?.close();
  }

  /** The pane shows nothing (the shown timeline is neither followed nor closed here). */
  private drop(): void {
    this.log?.off();
    this.log = undefined;
    this.stale = false;
    this.content = { kind: 'none' };
  }
}
