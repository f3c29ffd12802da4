// The log pane's engine room, over src/logview: which directory the selected service logs to,
// where in it each service was left (kept when you switch away and back), following new lines,
// and every line decoded in the active zone and made safe (sanitizeLine) before the UI sees it.
import {
  findLogDir,
  openLogView,
  sanitizeLine,
  type LogPosition,
  type LogView,
} from '../logview/index.js';
import { accessSync, constants } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { LogPaneStore } from '../store/log-pane-store.js';
import type { LogOp } from '../store/ui-state.js';
import { decodeLabelLine } from '../time/decode.js';
import { displayColumns, nextOffset, shiftLine } from './hscroll.js';
import type { Zone } from '../time/zone.js';

export interface LogFeedOptions {
  dirOf(name: string): string | undefined;
  zones: readonly Zone[];
}

export interface PaneView {
  selected: string | undefined;
  zone: string;
  logWidth: number;
  logHeight: number;
}

interface Open {
  name: string;
  path: string;
  log: LogView;
  stop: () => void;
}

export class LogFeed {
  readonly pane = new LogPaneStore();
  private view: PaneView = { selected: undefined, zone: '', logWidth: 80, logHeight: 10 };
  private open: Open | undefined;
  /** Where each service was left; absent = following the end. */
  private places = new Map<string, LogPosition>();
  /** Sideways scroll: the first column shown (0: lines start at the left, long ones cut). */
  private shift = 0;

  constructor(private readonly options: LogFeedOptions) {}

  show(view: PaneView): void {
    const before = this.view;
    this.view = view;
    if (view.selected !== before.selected || !this.open) {
      if (view.selected !== before.selected) this.shift = 0;
      this.reopen();
    } else if (view.logHeight !== before.logHeight) this.open.log.resize(this.rows());
    this.render();
  }

  move(op: LogOp): void {
    const log = this.open?.log;
    if (!log) return;
    const rows = this.rows();
    switch (op) {
      case 'pageUp':
        log.pageUp(rows);
        break;
      case 'pageDown':
        log.pageDown(rows);
        break;
      case 'top':
        log.top(rows);
        break;
      case 'follow':
        this.shift = 0;
        log.tail(rows);
        break;
      case 'left':
      case 'right': {
        const longest = Math.max(0, ...this.safeLines().map(displayColumns));
        const width = Math.max(1, this.view.logWidth);
        this.shift = nextOffset(this.shift, op === 'left' ? -1 : 1, width, longest);
        break;
      }
      case 'lineUp':
        log.scroll(-1, rows);
        break;
      case 'lineDown':
        log.scroll(1, rows);
        break;
    }
    this.render();
  }

  close(): void {
    this.open?.stop();
    this.open?.log.close();
    this.open = undefined;
  }

  private zone(): Zone | undefined {
    return this.options.zones.find((z) => z.name === this.view.zone) ?? this.options.zones[0];
  }

  /** The window's lines decoded and made safe, uncut (sideways scrolling cuts them). */
  private safeLines(): string[] {
    const zone = this.zone();
    return (this.open?.log.lines() ?? []).map((line) =>
      sanitizeLine(zone ? decodeLabelLine(line, zone) : line),
    );
  }

  private rows(): number {
    return Math.max(1, this.view.logHeight);
  }

  private reopen(): void {
    if (this.open) {
      const { name, log } = this.open;
      const place = log.following ? undefined : log.position();
      if (place) this.places.set(name, place);
      else this.places.delete(name);
      this.close();
    }
    const name = this.view.selected;
    const dir = name ? this.options.dirOf(name) : undefined;
    if (!name || !dir) return;
    const found = findLogDir(dir);
    if (found.how === 'none') return;
    const restore = this.places.get(name);
    const log = openLogView(found.path, { rows: this.rows(), ...(restore ? { restore } : {}) });
    const stop = log.onChange(() => this.render());
    this.open = { name, path: found.path, log, stop };
  }

  private render(): void {
    const name = this.view.selected;
    if (!name) return this.pane.set({ title: '', lines: [], where: '' });
    const open = this.open;
    if (!open || open.name !== name) {
      return this.pane.set({ title: `${name}: no log service`, lines: [], where: '' });
    }
    const zone = this.zone();
    const width = Math.max(1, this.view.logWidth);
    const lines =
      this.shift > 0
        ? this.safeLines().map((line) => shiftLine(line, this.shift, width))
        : open.log
            .lines()
            .map((line) => sanitizeLine(zone ? decodeLabelLine(line, zone) : line, { width }));
    const info = open.log.info();
    const place = open.log.following
      ? 'following'
      : info.atTop
        ? 'top'
        : `${Math.floor(info.fraction * 100)}%`;
    const where = this.shift > 0 ? `${place} · +${this.shift} cols` : place;
    // The engine's note ("no log files yet") explains an empty pane; with lines it is stale.
    const shown = displayPath(open.path);
    // An empty pane says why in its body, where a long path cannot push the reason off screen.
    const note = info.note === 'no log files yet' ? whyNoFiles(open.path) : info.note;
    const body = note && lines.length === 0 ? [sanitizeLine(`(${note})`, { width })] : lines;
    this.pane.set({ title: shown, lines: body, where, ...(zone ? { zone: zone.name } : {}) });
  }
}

/** "no log files yet", unless the directory is there but this user may not read it. */
function whyNoFiles(path: string): string {
  try {
    accessSync(path, constants.R_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      return 'log directory not readable: permission denied';
  }
  return 'no log files yet';
}

/** A path as the operator typed the tree: relative to the working directory when inside it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
