// A local service's log timeline, over src/logview: which directories it logs to (findLogDir:
// log/run as a shell would read it, or log/svtui-logdir), each directory's place kept when the
// operator switches away and back (pm2#4565), moves, the next directory when the logger writes to
// several, and why a window is empty as a typed note. Lines leave here raw; decoding and
// sanitising happen in the screen model, in the zone the operator picked.
import { accessSync, constants, existsSync } from 'node:fs';
import { relative } from 'node:path';
import {
  findLogDir,
  openLogView,
  type FoundLogDir,
  type LogPosition,
  type LogView,
} from '../../logview/index.js';
import { NAMED_FILE } from '../../logview/find-log-dir.js';
import type { Fact, LogMove, LogNoteCode, LogTimeline, LogWindowFacts } from '../port.js';

export class LocalLogs {
  /** Where each log directory was left; absent = following the end. */
  private readonly places = new Map<string, LogPosition>();

  constructor(private readonly root: string) {}

  open(serviceDir: string, rows: number): LogTimeline | Fact<'no-log-service'> {
    const found = findLogDir(serviceDir);
    if (found.how === 'none') return { code: 'no-log-service', text: 'no log service' };
    return new LocalTimeline(this, found, rows);
  }

  view(dir: string, rows: number): LogView {
    const restore = this.places.get(dir);
    return openLogView(dir, { rows, ...(restore ? { restore } : {}) });
  }

  leave(dir: string, view: LogView): void {
    const place = view.following ? undefined : view.position();
    if (place) this.places.set(dir, place);
    else this.places.delete(dir);
  }

  /** A directory as the operator knows the tree: relative to it. */
  title(dir: string): string {
    return relative(this.root, dir) || dir;
  }
}

class LocalTimeline implements LogTimeline {
  private readonly listeners = new Set<() => void>();
  private readonly dirs: readonly string[];
  private index = 0;
  private view: LogView;
  private unsubscribe: () => void;

  constructor(
    private readonly logs: LocalLogs,
    private readonly found: FoundLogDir,
    private rows: number,
  ) {
    this.dirs = found.dirs.length > 0 ? found.dirs : [found.path];
    this.view = logs.view(this.dir(), rows);
    this.unsubscribe = this.view.onChange(() => this.notify());
  }

  window(): LogWindowFacts {
    const info = this.view.info();
    const note = this.note(info.noteCode, info.note);
    const count = this.dirs.length;
    return {
      title: this.logs.title(this.dir()),
      lines: this.view.lines(),
      following: this.view.following,
      atTop: info.atTop,
      fraction: info.fraction,
      ...(note ? { note } : {}),
      ...(count > 1 ? { directory: { index: this.index, count } } : {}),
    };
  }

  move(move: LogMove): void {
    const { view, rows } = this;
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
      case 'nextDirectory':
        if (this.dirs.length < 2) return;
        this.closeView();
        this.index = (this.index + 1) % this.dirs.length;
        this.view = this.logs.view(this.dir(), rows);
        this.unsubscribe = this.view.onChange(() => this.notify());
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
    this.closeView();
    this.listeners.clear();
  }

  private dir(): string {
    return this.dirs[this.index] ?? this.found.path;
  }

  private closeView(): void {
    this.logs.leave(this.dir(), this.view);
    this.unsubscribe();
    this.view.close();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** The engine's note, with the reason an empty directory is empty. */
  private note(code: string, text: string): Fact<LogNoteCode> | undefined {
    if (code === 'none') return undefined;
    if (code === 'moved') return { code: 'moved', text };
    if (code === 'unreadable') return { code: 'unreadable', text };
    const { found } = this;
    if (found.code === 'unknown-directory' || found.code === 'no-directory') {
      const why = found.unknown ? `${found.unknown.detail} cannot be known before it runs` : '';
      return {
        code: 'unknown-dir',
        text: `log directory unknown${why ? `: ${why}` : ''}; write it in log/${NAMED_FILE}`,
      };
    }
    const title = this.logs.title(this.dir());
    if (!existsSync(this.dir()))
      return { code: 'missing-dir', text: `log directory ${title} does not exist` };
    try {
      accessSync(this.dir(), constants.R_OK | constants.X_OK);
    } catch {
      return { code: 'no-permission', text: 'log directory not readable: permission denied' };
    }
    return { code: 'no-files', text: 'no log files yet' };
  }
}
