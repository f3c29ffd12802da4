// The console's controller: the one place that holds the console's state and talks to the source.
// Keys become intents (keymap) and the reducer's next state; effects become source calls (control
// letters through the action runner, log moves on the selected service's timeline). The screen is
// the pure screen model of all that, rebuilt only when something changed and handed to whoever
// draws (the first frame, then Ink) through subscribe/getScreen. No file system here: all of it is
// behind the TreeSource.
import { performance } from 'node:perf_hooks';
import type { Access, LogTimeline, ServiceId, TreeSource } from '../source/port.js';
import type { MessageStore } from '../store/message-store.js';
import type { ServiceStore } from '../store/service-store.js';
import {
  initialUiState,
  reduce,
  settleSelection,
  type Effect,
  type Intent,
  type UiState,
} from '../store/ui-state.js';
import type { Zone } from '../time/zone.js';
import { msUntilChange } from '../screen/format.js';
import { keyToIntent, splitKeys, type KeyInfo } from '../screen/keymap.js';
import { longestLine, type LogPaneContent } from '../screen/log-pane.js';
import { makePalette } from '../screen/palette.js';
import { buildScreen, layoutOf, sameScreen, type Screen } from '../screen/screen.js';
import { viewEvents } from '../screen/service-view.js';
import { ActionRunner } from './actions.js';
import { DetailWatch, type DetailFacts } from './detail-watch.js';
import { showLogBefore } from './log-before.js';
import { LogToolRunner, type SaveOutcome } from './log-tool-runner.js';

export interface ControllerOptions {
  source: TreeSource;
  services: ServiceStore;
  messages: MessageStore;
  access: Access;
  zones: readonly Zone[];
  noColor: boolean;
  now: () => number;
  size: { columns: number; rows: number };
  /** Re-render when a shown time changes by itself; 0 turns that off (tests). */
  tickMs?: number;
  /**
   * The least time between two frames that the tree or the log asked for (a key's frame is never
   * held back): a log at 1000 lines a second is drawn 15 times a second, not 50. 0: no pacing.
   */
  paceMs?: number;
  /** How often the open service view is read again (2 s, the history's pace; tests: less). */
  detailEveryMs?: number;
  onQuit(stopServices: boolean): void;
  /** Ctrl-L: paint the whole screen again. */
  onRedraw?(): void;
  /** Ctrl-Z: hand the terminal back and stop until `fg`. */
  onSuspend?(): void;
  /** The zone s6-log's local stamps are read in (the logging box's); the first zone if not told. */
  stampZone?: Zone;
  /** `y`: put text on the terminal's clipboard (OSC 52). */
  clipboard?(text: string): void;
  /** `Y`: write text to a file, over an existing one only when `overwrite`. */
  saveText?(path: string, text: string, overwrite: boolean): Promise<SaveOutcome>;
}

type Listener = () => void;

/**
 * Logs left lately, kept open (following their files) so that going back to one — j then k
 * across a service with a 1 GB log — shows it at once instead of opening it again.
 */
const PARKED_LOGS = 3;

/** Sort keys whose order needs every service's resource figures. */
const FIGURE_SORTS: ReadonlySet<string> = new Set(['cpu', 'mem']);

export class ConsoleController {
  private ui: UiState;
  private size: { columns: number; rows: number };
  /** The shown log: a service's (`id`), or the merged timeline; `key` names which. */
  private log: { key: string; id?: ServiceId; timeline: LogTimeline; off: () => void } | undefined;
  private logContent: LogPaneContent = { kind: 'none' };
  /** Logs left lately, by key, the most recent last (see PARKED_LOGS). */
  private readonly parked = new Map<string, LogTimeline>();
  private opening: string | undefined;
  /** The log changed since its window was last taken. */
  private logStale = false;
  private screen: Screen | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly actions: ActionRunner;
  private readonly tools: LogToolRunner;
  /** The service view's facts, read while it is open. */
  private readonly details: DetailWatch;
  /** The view was just opened: its first frame waits (a little) for its facts. */
  private viewOpening: Promise<void> | undefined;
  private readonly palette;
  private readonly unsubscribe: (() => void)[] = [];
  private tick: NodeJS.Timeout | undefined;
  private interest = '';
  private closed = false;
  /** A key is being handled: its one frame is drawn at the end, whatever changed meanwhile. */
  private dispatching = false;
  private lastFrame = -Infinity;
  /**
   * The screen last handed out: a rebuild that draws the same (figures of rows off screen
   * changed, a sweep found nothing new) hands out the same object and wakes no one.
   */
  private shown: Screen | undefined;
  private paced: NodeJS.Timeout | undefined;

  constructor(private readonly options: ControllerOptions) {
    const { access, services, messages, source } = options;
    this.size = options.size;
    this.palette = makePalette(options.noColor);
    this.ui = initialUiState(services.getSnapshot().rows, access.readOnly, access.why?.text);
    this.actions = new ActionRunner({ source, now: options.now, messages });
    this.tools = new LogToolRunner({
      timeline: () => this.log?.timeline,
      window: () => {
        this.freshLog();
        return this.logContent.kind === 'window' ? this.logContent.window : undefined;
      },
      zone: () => this.zone(),
      stampZone: () => this.stampZone(),
      rows: () => this.logRows(),
      merged: () => this.ui.logTool.merged !== undefined,
      say: (text) => messages.set(text),
      dispatch: (action) => this.dispatch({ kind: 'logTool', action }),
      ...(options.clipboard ? { clipboard: options.clipboard } : {}),
      ...(options.saveText ? { save: options.saveText } : {}),
    });
    this.details = new DetailWatch(
      source,
      (before) => {
        this.keepSelectedEvent(before);
        this.screen = undefined;
        this.notifySoon();
      },
      options.detailEveryMs,
    );
    this.unsubscribe.push(
      services.subscribe(() => this.changed()),
      messages.subscribe(() => this.changed()),
    );
  }

  /** Open the first service's log, so the first frame shows it. */
  async start(): Promise<void> {
    this.settle();
    await this.syncLog();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getScreen = (): Screen => {
    if (!this.screen) {
      const { options } = this;
      this.freshLog();
      this.screen = buildScreen({
        ...this.size,
        ui: this.ui,
        services: options.services.getSnapshot().rows,
        log: this.logContent,
        zone: this.zone(),
        message: options.messages.getSnapshot(),
        mode: options.access.mode,
        title: options.source.title,
        palette: this.palette,
        nowMs: options.now(),
        stampZone: this.stampZone(),
        ...this.viewDetail(),
      });
      if (this.shown && sameScreen(this.shown, this.screen)) this.screen = this.shown;
      else this.shown = this.screen;
      this.afterBuild();
    }
    return this.screen;
  };

  /** Ink's keys (a burst of plain keys arrives as one string: split it back into keys). */
  keys(input: string, key: KeyInfo): void {
    for (const [one, info] of splitKeys(input, key)) {
      const intent = keyToIntent(this.ui, one, info);
      if (intent) this.dispatch(intent);
    }
  }

  dispatch(intent: Intent): void {
    this.dispatching = true;
    try {
      this.step(intent);
    } finally {
      this.dispatching = false;
    }
    this.changed(true);
  }

  private step(intent: Intent): void {
    const layout = this.layout();
    this.freshLog();
    const window = this.logContent.kind === 'window' ? this.logContent.window : undefined;
    const marked = this.ui.marks.length > 0;
    const step = reduce(this.ui, intent, {
      rows: layout.visible,
      ...(marked ? { names: new Map(this.rows().map((r) => [r.id, r.name])) } : {}),
      zoneCount: this.options.zones.length,
      embedded: this.options.access.mode === 'embedded',
      serviceCount: this.rows().length,
      // Marked services: the menu offers their own letters only, not their loggers'.
      selectedHasLog: !marked && this.options.services.row(this.ui.selected!)?.log !== undefined,
      logWidth: layout.logWidth,
      // Only a sideways step needs it, and it decodes every shown line: not for every key.
      longestLogLine:
        window && intent.kind === 'log' && intent.op.kind === 'sideways'
          ? longestLine(window, this.zone(), this.stampZone())
          : 0,
      ...(this.ui.overlay.kind === 'service'
        ? { viewEvents: viewEvents(this.details.current(this.ui.overlay.id)) }
        : {}),
    });
    // What the reducer has to say goes to the status line's store, which fades it.
    if (step.state.message) this.options.messages.set(step.state.message);
    this.ui = step.state.message ? { ...step.state, message: '' } : step.state;
    if (this.ui.overlay.kind !== 'service') this.details.close();
    if (step.effect) this.carryOut(step.effect);
  }

  /** New events above the selected one: the selection stays on the event, not on the row. */
  private keepSelectedEvent(before: DetailFacts | undefined): void {
    const view = this.ui.overlay;
    if (view.kind !== 'service') return;
    const was = viewEvents(before)[view.event];
    if (!was) return;
    const now = viewEvents(this.details.current(view.id));
    const event = now.findIndex((e) => e.atMs === was.atMs && e.kind === was.kind);
    if (event >= 0 && event !== view.event) this.ui = { ...this.ui, overlay: { ...view, event } };
  }

  private viewDetail() {
    const view = this.ui.overlay;
    const detail = view.kind === 'service' ? this.details.current(view.id) : undefined;
    return detail ? { detail } : {};
  }

  /** Enter on an event of the service view: its log, ending where the event happened. */
  private async logAt(id: ServiceId, atMs: number): Promise<void> {
    await this.syncLog();
    if (this.log?.id !== id) {
      this.options.messages.set('no log to show for that moment');
      return this.changed();
    }
    const landed = await showLogBefore(this.log.timeline, atMs, this.zone().name);
    if (landed.code !== 'found' && landed.code !== 'after-end')
      this.options.messages.set(landed.text);
    this.changed(true);
  }

  resize(columns: number, rows: number): void {
    if (columns === this.size.columns && rows === this.size.rows) return;
    this.size = { columns, rows };
    this.log?.timeline.resize(this.logRows());
    this.changed(true);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.actions.cancel();
    this.details.close();
    if (this.tick) clearTimeout(this.tick);
    if (this.paced) clearTimeout(this.paced);
    for (const off of this.unsubscribe) off();
    this.closeLog();
    for (const timeline of this.parked.values()) timeline.close();
    this.parked.clear();
  }

  private carryOut(effect: Effect): void {
    switch (effect.kind) {
      case 'quit':
        return this.options.onQuit(effect.stopServices);
      case 'redraw':
        return this.options.onRedraw?.();
      case 'suspend':
        return this.options.onSuspend?.();
      case 'log':
        return this.log?.timeline.move(effect.move);
      case 'logTool':
        return void this.tools.carryOut(effect.effect);
      case 'detail':
        this.viewOpening = this.details.open(effect.id);
        return;
      case 'logAt':
        return void this.logAt(effect.id, effect.atMs);
      case 'control': {
        const [one, ...more] = effect.targets;
        if (!one) return;
        if (more.length === 0)
          void this.actions.run(one.id, one.name, effect.letter, effect.target);
        else void this.actions.runAll(effect.targets, effect.letter, effect.target);
        return;
      }
    }
  }

  private rows() {
    return this.options.services.getSnapshot().rows;
  }

  private zone(): Zone {
    const zones = this.options.zones;
    return zones[this.ui.zoneIndex % Math.max(1, zones.length)] ?? zones[0]!;
  }

  private stampZone(): Zone {
    return this.options.stampZone ?? this.options.zones[0]!;
  }

  private layout() {
    return layoutOf({
      ...this.size,
      ui: this.ui,
      services: this.rows(),
      nowMs: this.options.now(),
      logAbsent: this.logContent.kind === 'absent',
    });
  }

  private logRows(): number {
    return Math.max(1, this.layout().logLines);
  }

  /** Something the screen shows changed: rebuild it and tell the drawer. */
  private changed(fromKey = false): void {
    if (this.closed) return;
    this.settle();
    this.screen = undefined;
    if (this.dispatching) return; // the key's own frame comes at the end of dispatch
    if (this.viewOpening) {
      // One frame of the view with its facts, unless the source is slow (a remote one): then the
      // view says "reading…" first and is drawn again when they arrive.
      const opened = this.viewOpening;
      this.viewOpening = undefined;
      let drawn = false;
      const draw = () => {
        this.screen = undefined;
        if (!drawn) this.notify();
        drawn = true;
      };
      const late = setTimeout(draw, 30);
      void opened.then(() => {
        clearTimeout(late);
        if (drawn) {
          this.screen = undefined;
          this.notify();
        } else draw();
      });
      return;
    }
    const wanted = this.wantedLog()?.key;
    if (wanted !== this.log?.key && wanted !== this.opening) {
      // Another service is selected: one frame with its log, unless the source is slow to open
      // it (a remote one); then the selection is drawn first and the log when it arrives.
      const opened = this.syncLog();
      let drawn = false;
      const draw = () => {
        if (!drawn) this.notify();
        drawn = true;
      };
      void opened.then(() => (drawn ? this.notify() : draw()));
      const late = setTimeout(draw, 30);
      void opened.then(() => clearTimeout(late));
      return;
    }
    if (fromKey) this.notify();
    else this.notifySoon();
  }

  /** A frame for a change nobody typed: at once after a quiet spell, else paced. */
  private notifySoon(): void {
    if (this.paced || this.dispatching) return;
    const wait = this.lastFrame + (this.options.paceMs ?? 66) - performance.now();
    if (wait <= 0) return this.notify();
    this.paced = setTimeout(() => this.notify(), wait);
  }

  private notify(): void {
    if (this.paced) clearTimeout(this.paced);
    this.paced = undefined;
    const before = this.shown;
    if (before && this.getScreen() === before) return; // the same screen: nothing to draw
    this.lastFrame = performance.now();
    for (const listener of [...this.listeners]) listener();
  }

  /** Keep the selection on a visible row after the tree or the filter changed; a service that
   * left the tree is no longer marked. */
  private settle(): void {
    const { visible } = this.layout();
    this.ui = settleSelection(this.ui, visible);
    const { marks } = this.ui;
    if (marks.length > 0) {
      const services = this.options.services;
      const kept = marks.filter((id) => services.row(id) !== undefined);
      if (kept.length !== marks.length) this.ui = { ...this.ui, marks: kept };
    }
  }

  /** The log the pane should show: the merged view's services, else the selected service's. */
  private wantedLog(): { key: string; id?: ServiceId; merged?: readonly ServiceId[] } | undefined {
    const merged = this.ui.logTool.merged;
    if (merged) return { key: `merged:${merged.join('/')}`, merged };
    const id = this.ui.selected;
    return id === undefined ? undefined : { key: id, id };
  }

  /** Show the wanted log (each service's place is kept by the source). */
  private async syncLog(): Promise<void> {
    const wanted = this.wantedLog();
    if (wanted?.key === this.log?.key) return;
    this.parkLog();
    if (wanted === undefined) {
      this.logContent = { kind: 'none' };
      return;
    }
    const { key, id, merged } = wanted;
    const kept = this.parked.get(key);
    let opened: LogTimeline | Awaited<ReturnType<TreeSource['openLog']>>;
    if (kept) {
      this.parked.delete(key);
      this.opening = undefined;
      kept.resize(this.logRows());
      opened = kept;
    } else {
      this.opening = key;
      const { source } = this.options;
      opened = merged
        ? await source.openMergedLog(merged, this.logRows())
        : await source.openLog(id!, this.logRows());
      if (this.opening !== key) {
        if ('window' in opened) opened.close();
        return;
      }
      this.opening = undefined;
    }
    const name = merged
      ? `${merged.length} services merged`
      : (this.options.services.row(id!)?.name ?? id!);
    if (!('window' in opened)) {
      this.logContent = { kind: 'absent', name, why: opened };
    } else {
      // A log at 1000 lines a second changes 50 times a second; its window is taken when a
      // frame is drawn (15 a second), not at every change.
      const off = opened.onChange(() => {
        this.logStale = true;
        this.screen = undefined;
        this.notifySoon();
      });
      this.log = { key, ...(id ? { id } : {}), timeline: opened, off };
      this.logContent = { kind: 'window', window: opened.window() };
      this.logOpened(opened);
    }
    this.screen = undefined;
  }

  /** Another log in the pane: the search was the last one's; the filters apply to this one. */
  private logOpened(timeline: LogTimeline): void {
    const tool = this.ui.logTool;
    if (tool.search !== undefined) {
      const { search: _gone, ...rest } = tool;
      this.ui = { ...this.ui, logTool: rest };
    }
    if (tool.filters.some((f) => f.enabled)) void this.tools.filters(timeline, tool.filters);
  }

  private freshLog(): void {
    if (!this.logStale || !this.log) return;
    this.logContent = { kind: 'window', window: this.log.timeline.window() };
    this.logStale = false;
  }

  private closeLog(): void {
    this.log?.off();
    this.log?.timeline.close();
    this.log = undefined;
    this.logStale = false;
    this.logContent = { kind: 'none' };
  }

  /**
   * Leave the shown log open among the parked ones (the oldest beyond PARKED_LOGS is closed). A
   * merged timeline (it watches every merged service's log), or a log with a search or filters,
   * is closed instead: their work belongs to the pane.
   */
  private parkLog(): void {
    const log = this.log;
    const tool = this.ui.logTool;
    if (!log?.id || tool.search !== undefined || tool.filters.some((f) => f.enabled))
      return this.closeLog();
    log.off();
    this.log = undefined;
    this.logStale = false;
    this.logContent = { kind: 'none' };
    this.parked.set(log.key, log.timeline);
    for (const [key, timeline] of this.parked) {
      if (this.parked.size <= PARKED_LOGS) break;
      this.parked.delete(key);
      timeline.close();
    }
  }

  /** After a build: tell the source what is on screen, arm the clock for the next time change. */
  private afterBuild(): void {
    const layout = this.layout();
    const interest = layout.onScreen.map((r) => r.id);
    // Sorted by a figure: every row's place depends on it, not only the rows on screen.
    const allFigures = FIGURE_SORTS.has(this.ui.sort.key);
    const key = `${allFigures}\n${interest.join('\n')}`;
    if (key !== this.interest) {
      this.interest = key;
      this.options.source.setInterest(interest, { allFigures });
    }
    const tickMs = this.options.tickMs ?? 1000;
    if (tickMs <= 0) return;
    const now = this.options.now();
    let delay = Infinity;
    for (const row of layout.onScreen) delay = Math.min(delay, msUntilChange(row, now));
    if (this.tick) clearTimeout(this.tick);
    this.tick = undefined;
    if (!Number.isFinite(delay)) return;
    this.tick = setTimeout(() => this.changed(), Math.max(50, delay) + 5);
    this.tick.unref();
  }
}
