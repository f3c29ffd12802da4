// The console's controller: the one place that holds the console's state and talks to the source.
// Keys become intents (keymap) and the reducer's next state; effects become source calls (control
// letters through the action runner, log moves on the shown log's timeline). The screen is the
// pure screen model of all that, rebuilt only when something changed and handed to whoever draws
// (the first frame, then Ink) through subscribe/getScreen. Its parts, each in its own file: what
// the screen is built from (screen-state), the log pane's timelines (shown-log), when to draw
// (frames), what the shown rows ask of the source (on-screen), a key's effects (effects); a third
// of this file is the constructor handing each part the ports it reads the state through. No
// file system here: all of it is behind the TreeSource.
import type { LogTimeline, ServiceId } from '../source/port.js';
import type { LogToolState } from '../store/log-tool.js';
import { initialUiState, reduce, type Intent, type UiState } from '../store/ui-state.js';
import { keyToIntent, splitKeys, type KeyInfo } from '../screen/keymap.js';
import type { Screen } from '../screen/screen.js';
import { ActionRunner } from './actions.js';
import type { ControllerOptions } from './controller-options.js';
import { DetailWatch, keptEvent } from './detail-watch.js';
import { carryOut, type EffectPorts } from './effects.js';
import { drawWhenSettled, Frames } from './frames.js';
import { showLogBefore } from './log-before.js';
import { LogToolRunner } from './log-tool-runner.js';
import { OnScreen } from './on-screen.js';
import { ScreenState } from './screen-state.js';
import { ShownLog, wantedLog } from './shown-log.js';

export type { ControllerOptions } from './controller-options.js';

export class ConsoleController {
  private ui: UiState;
  private screen: Screen | undefined;
  private readonly state: ScreenState;
  private readonly frames: Frames;
  private readonly log: ShownLog;
  private readonly onScreen: OnScreen;
  private readonly actions: ActionRunner;
  private readonly tools: LogToolRunner;
  /** The service view's facts, read while it is open. */
  private readonly details: DetailWatch;
  /** The view was just opened: its first frame waits (a little) for its facts. */
  private viewOpening: Promise<void> | undefined;
  private readonly effects: EffectPorts;
  private readonly unsubscribe: (() => void)[] = [];
  private closed = false;
  /** A key is being handled: its one frame is drawn at the end, whatever changed meanwhile. */
  private dispatching = false;

  constructor(private readonly options: ControllerOptions) {
    const { access, services, messages, source } = options;
    this.ui = initialUiState(services.getSnapshot().rows, access.readOnly, access.why?.text);
    this.details = new DetailWatch(
      source,
      (before) => {
        this.ui = keptEvent(this.ui, before, this.details);
        this.changedSoon();
      },
      options.detailEveryMs,
    );
    this.log = new ShownLog({
      source,
      name: (id) => services.row(id)?.name ?? id,
      rows: () => this.state.logRows(),
      parkable: () => this.ui.logTool.search === undefined && !filtering(this.ui.logTool),
      opened: (timeline) => this.logOpened(timeline),
      changed: () => this.changedSoon(),
    });
    this.state = new ScreenState({
      options,
      ui: () => this.ui,
      log: this.log,
      detail: (id) => this.details.current(id),
    });
    this.frames = new Frames({
      screen: () => this.getScreen(),
      held: () => this.dispatching,
      paceMs: options.paceMs ?? 66,
    });
    this.onScreen = new OnScreen({
      source,
      now: options.now,
      tickMs: options.tickMs ?? 1000,
      tick: () => this.changed(),
    });
    this.actions = new ActionRunner({ source, now: options.now, messages });
    this.tools = new LogToolRunner({
      timeline: () => this.log.timeline,
      window: () => this.log.window(),
      zone: () => this.state.zone(),
      stampZone: () => this.state.stampZone(),
      rows: () => this.state.logRows(),
      merged: () => this.ui.logTool.merged !== undefined,
      say: (text) => messages.set(text),
      dispatch: (action) => this.dispatch({ kind: 'logTool', action }),
      ...(options.clipboard ? { clipboard: options.clipboard } : {}),
      ...(options.saveText ? { save: options.saveText } : {}),
    });
    this.effects = {
      options,
      timeline: () => this.log.timeline,
      tools: this.tools,
      actions: this.actions,
      openView: (id) => (this.viewOpening = this.details.open(id)),
      logAt: (id, atMs) => void this.logAt(id, atMs),
    };
    this.unsubscribe.push(
      services.subscribe(() => this.changed()),
      messages.subscribe(() => this.changed()),
    );
  }

  /** Open the first service's log, so the first frame shows it. */
  async start(): Promise<void> {
    this.ui = this.state.settled();
    await this.syncLog();
  }

  subscribe = (listener: () => void): (() => void) => this.frames.subscribe(listener);

  getScreen = (): Screen => {
    if (!this.screen) {
      this.screen = this.frames.handOut(this.state.build());
      // After a build: tell the source what is on screen, arm the clock for the next time change.
      this.onScreen.shown(this.state.layout().onScreen, this.ui.sort.key);
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

  resize(columns: number, rows: number): void {
    if (!this.state.resize(columns, rows)) return;
    this.log.resize(this.state.logRows());
    this.changed(true);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.actions.cancel();
    this.details.close();
    this.onScreen.stop();
    this.frames.stop();
    for (const off of this.unsubscribe) off();
    this.log.close();
  }

  private step(intent: Intent): void {
    const step = reduce(this.ui, intent, this.state.context(intent));
    // What the reducer has to say goes to the status line's store, which fades it.
    if (step.state.message) this.options.messages.set(step.state.message);
    this.ui = step.state.message ? { ...step.state, message: '' } : step.state;
    if (this.ui.overlay.kind !== 'service') this.details.close();
    if (step.effect) carryOut(step.effect, this.effects);
  }

  /** Something the screen shows changed: rebuild it and tell the drawer. */
  private changed(fromKey = false): void {
    if (this.closed) return;
    this.ui = this.state.settled();
    this.screen = undefined;
    if (this.dispatching) return; // the key's own frame comes at the end of dispatch
    if (this.viewOpening) {
      // One frame of the view with its facts, unless the source is slow (a remote one): then the
      // view says "reading…" first and is drawn again when they arrive.
      const opened = this.viewOpening;
      this.viewOpening = undefined;
      return drawWhenSettled(opened, () => {
        this.screen = undefined;
        this.frames.now();
      });
    }
    // Another service is selected: one frame with its log, unless the source is slow to open it
    // (a remote one); then the selection is drawn first and the log when it arrives.
    if (this.log.lacks(wantedLog(this.ui)?.key))
      return drawWhenSettled(this.syncLog(), () => this.frames.now());
    if (fromKey) this.frames.now();
    else this.frames.soon();
  }

  /** A change nobody typed (a log's new lines, the view's new facts): a paced frame. */
  private changedSoon(): void {
    this.screen = undefined;
    this.frames.soon();
  }

  /** Show the wanted log in the pane (each service's place is kept by the source). */
  private async syncLog(): Promise<void> {
    if (await this.log.show(wantedLog(this.ui))) this.screen = undefined;
  }

  /** Another log in the pane: the search was the last one's; the filters apply to this one. */
  private logOpened(timeline: LogTimeline): void {
    const tool = this.ui.logTool;
    if (tool.search !== undefined) {
      const { search: _gone, ...rest } = tool;
      this.ui = { ...this.ui, logTool: rest };
    }
    if (filtering(tool)) void this.tools.filters(timeline, tool.filters);
  }

  /** Enter on an event of the service view: its log, ending where the event happened. */
  private async logAt(id: ServiceId, atMs: number): Promise<void> {
    await this.syncLog();
    const timeline = this.log.id === id ? this.log.timeline : undefined;
    if (!timeline) {
      this.options.messages.set('no log to show for that moment');
      return this.changed();
    }
    const landed = await showLogBefore(timeline, atMs, this.state.zone().name);
    if (landed.code !== 'found' && landed.code !== 'after-end')
      this.options.messages.set(landed.text);
    this.changed(true);
  }
}

function filtering(tool: LogToolState): boolean {
  return tool.filters.some((f) => f.enabled);
}
