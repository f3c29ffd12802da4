// The log pane's engine room: which file the selected service logs to, where in it each service
// was left (kept when you switch away and back), following new lines as they are written (a
// directory watch, so a line is on screen well within 100 ms), and every line decoded in the
// active zone and made safe before the UI sees it.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { LogPaneStore } from '../store/log-pane-store.js';
import type { LogOp } from '../store/ui-state.js';
import { decodeLabelLine } from '../time/decode.js';
import type { Zone } from '../time/zone.js';
import { LogFile, type Window } from './log-file.js';
import { findLogDirectory } from './log-dir.js';
import { sanitizeForTerminal } from './sanitize.js';

export interface LogFeedOptions {
  dirOf(name: string): string | undefined;
  zones: readonly Zone[];
}

interface View {
  selected: string | undefined;
  zone: string;
  logWidth: number;
  logHeight: number;
}

/** Following the end, or pinned with the first shown line at a byte offset. */
type Anchor = { follow: true } | { follow: false; offset: number };

export class LogFeed {
  readonly pane = new LogPaneStore();
  private view: View = { selected: undefined, zone: '', logWidth: 80, logHeight: 10 };
  private anchors = new Map<string, Anchor>();
  private file: LogFile | undefined;
  private watcher: FSWatcher | undefined;
  private poll: NodeJS.Timeout | undefined;
  private lastSize = -1;

  constructor(private readonly options: LogFeedOptions) {}

  show(view: View): void {
    const switched = view.selected !== this.view.selected;
    this.view = view;
    if (switched) this.open();
    this.render();
  }

  move(op: LogOp): void {
    const name = this.view.selected;
    const file = this.file;
    if (!name || !file) return;
    const height = Math.max(1, this.view.logHeight);
    const anchor = this.anchors.get(name) ?? { follow: true };
    const current = anchor.follow ? file.tail(height).start : anchor.offset;
    let next: Anchor;
    switch (op) {
      case 'follow':
        next = { follow: true };
        break;
      case 'top':
        next = { follow: false, offset: 0 };
        break;
      case 'pageUp':
        next = { follow: false, offset: file.before(current, height).start };
        break;
      case 'lineUp':
        next = { follow: false, offset: file.before(current, 1).start };
        break;
      case 'pageDown':
      case 'lineDown': {
        if (anchor.follow) return;
        const offset = file.skip(current, op === 'pageDown' ? height : 1);
        next = offset >= file.tail(height).start ? { follow: true } : { follow: false, offset };
        break;
      }
    }
    this.anchors.set(name, next);
    this.render();
  }

  close(): void {
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    this.watcher = undefined;
    this.poll = undefined;
  }

  private open(): void {
    this.close();
    this.file = undefined;
    const name = this.view.selected;
    const dir = name ? this.options.dirOf(name) : undefined;
    const logDir = dir ? findLogDirectory(dir) : undefined;
    if (!logDir) return;
    this.file = new LogFile(join(logDir, 'current'));
    this.lastSize = -1;
    try {
      this.watcher = watch(logDir, { persistent: false }, () => this.changed());
      this.watcher.on('error', () => undefined);
    } catch {
      // No directory yet (the logger has not started): poll for it.
    }
    this.poll = setInterval(() => this.changed(), 1000);
    this.poll.unref();
  }

  private changed(): void {
    if (!this.file) return;
    const size = this.file.size();
    if (size === this.lastSize) return;
    this.render();
  }

  private render(): void {
    const name = this.view.selected;
    const file = this.file;
    if (!name) return this.pane.set({ title: '', lines: [], where: '' });
    if (!file) return this.pane.set({ title: `${name}: no log/ service`, lines: [], where: '' });
    const height = Math.max(0, this.view.logHeight);
    const anchor = this.anchors.get(name) ?? { follow: true };
    const window: Window = anchor.follow ? file.tail(height) : file.from(anchor.offset, height);
    this.lastSize = window.size;
    const zone = this.options.zones.find((z) => z.name === this.view.zone) ?? this.options.zones[0];
    const width = Math.max(1, this.view.logWidth);
    const lines = window.lines.map((line) =>
      sanitizeForTerminal(zone ? decodeLabelLine(line, zone) : line, width),
    );
    const where = anchor.follow
      ? 'following'
      : window.start === 0
        ? 'top'
        : `${window.size ? Math.floor((window.start * 100) / window.size) : 0}%`;
    this.pane.set({ title: file.path, lines, where, ...(zone ? { zone: zone.name } : {}) });
  }
}
