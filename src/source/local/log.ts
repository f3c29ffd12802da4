// A local service's log timeline, over src/logview: which directory it logs to (findLogDir), each
// service's place kept when the operator switches away and back (pm2#4565), moves, and why a
// window is empty as a typed note. Lines leave here raw; decoding and sanitising happen in the
// screen model, in the zone the operator picked.
import { accessSync, constants, existsSync } from 'node:fs';
import { relative } from 'node:path';
import { findLogDir, openLogView, type LogPosition, type LogView } from '../../logview/index.js';
import type { Fact, LogMove, LogNoteCode, LogTimeline, LogWindowFacts } from '../port.js';

export class LocalLogs {
  /** Where each log directory was left; absent = following the end. */
  private readonly places = new Map<string, LogPosition>();

  constructor(private readonly root: string) {}

  open(serviceDir: string, rows: number): LogTimeline | Fact<'no-log-service'> {
    const found = findLogDir(serviceDir);
    if (found.how === 'none') return { code: 'no-log-service', text: 'no log service' };
    const restore = this.places.get(found.path);
    const view = openLogView(found.path, { rows, ...(restore ? { restore } : {}) });
    const title = relative(this.root, found.path) || found.path;
    return new LocalTimeline(view, found.path, title, rows, (place) => {
      if (place) this.places.set(found.path, place);
      else this.places.delete(found.path);
    });
  }
}

class LocalTimeline implements LogTimeline {
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly view: LogView,
    private readonly dir: string,
    private readonly title: string,
    private rows: number,
    private readonly leave: (place: LogPosition | undefined) => void,
  ) {
    this.unsubscribe = view.onChange(() => this.notify());
  }

  window(): LogWindowFacts {
    const info = this.view.info();
    const note = this.note(info.noteCode, info.note);
    return {
      title: this.title,
      lines: this.view.lines(),
      following: this.view.following,
      atTop: info.atTop,
      fraction: info.fraction,
      ...(note ? { note } : {}),
    };
  }

  move(move: LogMove): void {
    const view = this.view;
    const rows = this.rows;
    switch (move.kind) {
      case 'tail':
        view.tail(rows);
        break;
      case 'top':
        view.top(rows);
        break;
      case 'page':
        if (move.direction < 0) view.pageUp(rows);
        else view.pageDown(rows);
        break;
      case 'half':
        view.scroll(move.direction * Math.max(1, Math.floor(rows / 2)), rows);
        break;
      case 'line':
        view.scroll(move.direction, rows);
        break;
    }
    this.notify();
  }

  resize(rows: number): void {
    if (rows === this.rows) return;
    this.rows = Math.max(1, rows);
    this.view.resize(this.rows);
    this.notify();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.leave(this.view.following ? undefined : this.view.position());
    this.unsubscribe();
    this.view.close();
    this.listeners.clear();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** The engine's note, with the reason an empty directory is empty. */
  private note(code: string, text: string): Fact<LogNoteCode> | undefined {
    if (code === 'none') return undefined;
    if (code === 'moved') return { code: 'moved', text };
    if (code === 'unreadable') return { code: 'unreadable', text };
    if (!existsSync(this.dir))
      return { code: 'missing-dir', text: `log directory ${this.title} does not exist` };
    try {
      accessSync(this.dir, constants.R_OK | constants.X_OK);
    } catch {
      return { code: 'no-permission', text: 'log directory not readable: permission denied' };
    }
    return { code: 'no-files', text: 'no log files yet' };
  }
}
