// One log view at a time for the console's selected service, with each service's place kept
// when the operator switches away and back (pm2#4565: scrollback lost on navigation). Only the
// selected service has a view (and a watcher); the others are one remembered position each.
import type { LogPosition, LogView, LogViewOptions } from './types.js';
import { openLogView } from './view.js';

export interface LogPlacesOptions {
  /** Options for every view (rows, maxLineBytes...), minus `restore`. */
  view?: Omit<LogViewOptions, 'restore'>;
  /** Called (batched) when the selected view's lines change on disk. */
  onChange?: () => void;
  /** Opens a view; openLogView unless replaced. */
  open?: (dir: string, options: LogViewOptions) => LogView;
}

export class LogPlaces {
  private readonly places = new Map<string, LogPosition | undefined>();
  private selected: { key: string; view: LogView; unsubscribe: () => void } | undefined;

  constructor(private readonly options: LogPlacesOptions = {}) {}

  /** The view of `dir` (a log directory), opened where it was left; the previous one closes. */
  select(dir: string, rows?: number): LogView {
    if (this.selected?.key === dir) {
      if (rows !== undefined) this.selected.view.resize(rows);
      return this.selected.view;
    }
    this.leave();
    const open = this.options.open ?? openLogView;
    const view = open(dir, {
      ...this.options.view,
      ...(rows !== undefined ? { rows } : {}),
      restore: this.places.get(dir),
    });
    const unsubscribe = view.onChange(() => this.options.onChange?.());
    this.selected = { key: dir, view, unsubscribe };
    return view;
  }

  /** The view shown now, if any. */
  current(): LogView | undefined {
    return this.selected?.view;
  }

  /** Remember the selected view's place (undefined = following) and close it. */
  leave(): void {
    const selected = this.selected;
    if (!selected) return;
    this.places.set(selected.key, selected.view.following ? undefined : selected.view.position());
    selected.unsubscribe();
    selected.view.close();
    this.selected = undefined;
  }

  close(): void {
    this.leave();
  }
}
