// The console's state as its screen model sees it: the ui state, the services, the shown log, the
// status line and the service view's facts, at the terminal's size and in the active zone. The
// screen is built from here, and so is what the reducer needs to know of that screen (the visible
// rows, the log pane's width, its longest shown line): keys and frames agree on one layout.
import type { ServiceId } from '../source/port.js';
import { settleSelection, type Context, type Intent, type UiState } from '../store/ui-state.js';
import type { Zone } from '../time/zone.js';
import { longestLine } from '../screen/log-pane.js';
import { makePalette } from '../screen/palette.js';
import { buildScreen, layoutOf, type Layout, type Screen } from '../screen/screen.js';
import { viewEvents } from '../screen/service-view.js';
import type { ControllerOptions } from './controller-options.js';
import type { DetailFacts } from './detail-watch.js';
import type { ShownLog } from './shown-log.js';

export interface ScreenStatePorts {
  options: ControllerOptions;
  ui(): UiState;
  log: Pick<ShownLog, 'current' | 'window' | 'absent'>;
  /** The open service view's facts (undefined while they are read). */
  detail(id: ServiceId): DetailFacts | undefined;
}

export class ScreenState {
  private size: { columns: number; rows: number };
  private readonly palette;

  constructor(private readonly ports: ScreenStatePorts) {
    this.size = ports.options.size;
    this.palette = makePalette(ports.options.noColor);
  }

  /** The terminal's new size; false when it is the one already known. */
  resize(columns: number, rows: number): boolean {
    if (columns === this.size.columns && rows === this.size.rows) return false;
    this.size = { columns, rows };
    return true;
  }

  build(): Screen {
    const { options } = this.ports;
    return buildScreen({
      ...this.size,
      ui: this.ports.ui(),
      services: this.rows(),
      log: this.ports.log.current(),
      zone: this.zone(),
      message: options.messages.getSnapshot(),
      mode: options.access.mode,
      title: options.source.title,
      palette: this.palette,
      nowMs: options.now(),
      stampZone: this.stampZone(),
      ...this.viewDetail(),
    });
  }

  layout(): Layout {
    return layoutOf({
      ...this.size,
      ui: this.ports.ui(),
      services: this.rows(),
      nowMs: this.ports.options.now(),
      logAbsent: this.ports.log.absent,
    });
  }

  /** Log lines the pane has room for. */
  logRows(): number {
    return Math.max(1, this.layout().logLines);
  }

  /** The zone times are shown in (`z` cycles them). */
  zone(): Zone {
    const zones = this.ports.options.zones;
    return zones[this.ports.ui().zoneIndex % Math.max(1, zones.length)] ?? zones[0]!;
  }

  /** The zone s6-log's local stamps are read in. */
  stampZone(): Zone {
    return this.ports.options.stampZone ?? this.ports.options.zones[0]!;
  }

  /**
   * The ui state with the selection on a visible row after the tree or the filter changed; a
   * service that left the tree is no longer marked.
   */
  settled(): UiState {
    const ui = settleSelection(this.ports.ui(), this.layout().visible);
    const { marks } = ui;
    if (marks.length === 0) return ui;
    const services = this.ports.options.services;
    const kept = marks.filter((id) => services.row(id) !== undefined);
    return kept.length === marks.length ? ui : { ...ui, marks: kept };
  }

  /** What the reducer needs to know of the screen to take `intent`. */
  context(intent: Intent): Context {
    const { options } = this.ports;
    const ui = this.ports.ui();
    const layout = this.layout();
    const window = this.ports.log.window();
    const marked = ui.marks.length > 0;
    return {
      rows: layout.visible,
      ...(marked ? { names: new Map(this.rows().map((r) => [r.id, r.name])) } : {}),
      zoneCount: options.zones.length,
      embedded: options.access.mode === 'embedded',
      serviceCount: this.rows().length,
      // Marked services: the menu offers their own letters only, not their loggers'.
      selectedHasLog: !marked && options.services.row(ui.selected!)?.log !== undefined,
      logWidth: layout.logWidth,
      // Only a sideways step needs it, and it decodes every shown line: not for every key.
      longestLogLine:
        window && intent.kind === 'log' && intent.op.kind === 'sideways'
          ? longestLine(window, this.zone(), this.stampZone())
          : 0,
      ...(ui.overlay.kind === 'service'
        ? { viewEvents: viewEvents(this.ports.detail(ui.overlay.id)) }
        : {}),
    };
  }

  private rows() {
    return this.ports.options.services.getSnapshot().rows;
  }

  private viewDetail() {
    const view = this.ports.ui().overlay;
    const detail = view.kind === 'service' ? this.ports.detail(view.id) : undefined;
    return detail ? { detail } : {};
  }
}
