// A local service's log timeline, over src/logview: which directories it logs to (findLogDir:
// log/run as a shell would read it, or log/svtui-logdir), each directory's place kept when the
// operator switches away and back (pm2#4565), moves, the next directory when the logger writes to
// several, and why a window is empty as a typed note. Lines leave here raw; decoding and
// sanitising happen in the screen model, in the zone the operator picked.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import {
  findLogDir,
  openLogView,
  type FoundLogDir,
  type LogPosition,
  type LogView,
} from '../../logview/index.js';
import { NAMED_FILE } from '../../logview/find-log-dir.js';
import { nodeLogFiles } from '../../logview/files.js';
import { EventMarkers } from '../../logview/merge/events-file.js';
import { MergedTimeline } from '../../logview/merge/merged-timeline.js';
import { interleaveMarkers } from '../../logview/merge/restart-markers.js';
import {
  parseLevelConfig,
  withLevelNote,
  type LevelConfig,
} from '../../logview/search/level-config.js';
import { DEFAULT_LEVEL_PATTERNS, type LevelPatterns } from '../../logview/search/levels.js';
import { micros, stampTime } from '../../logview/search/stamp.js';
import { TimelineTools } from '../../logview/search/timeline-tools.js';
import { resolveZone, zoneFromEnv, type Zone } from '../../time/zone.js';
import type {
  Fact,
  LogFilterInput,
  LogLevel,
  LogMove,
  LogNoteCode,
  LogQueryInput,
  LogStepCode,
  LogTimeline,
  LogWindowFacts,
} from '../port.js';

export interface LocalLogsOptions {
  /** Other words for e/E and w/W (regular expressions, matched in any case when lowercase). */
  levels?: Partial<LevelPatterns>;
}

export class LocalLogs {
  /** Where each log directory was left; absent = following the end. */
  private readonly places = new Map<string, LogPosition>();

  private readonly zones = new Map<string, Zone>();
  readonly systemZone: Zone;

  constructor(
    private readonly root: string,
    readonly options: LocalLogsOptions = {},
  ) {
    this.systemZone = zoneFromEnv({ ...process.env, TZ: undefined }).zone;
  }

  /** A zone by the name the console shows (its own process zone's name included). */
  zone(name: string): Zone {
    let zone = this.zones.get(name);
    if (!zone) {
      const fromEnv = zoneFromEnv().zone;
      zone = name === fromEnv.name ? fromEnv : resolveZone(name).zone;
      this.zones.set(name, zone);
    }
    return zone;
  }

  /**
   * The tree's `.svtui/logview` (e/E and w/W words) over the defaults, and its errors; read at
   * each open, so an edit applies to the next log shown. `options.levels` wins over both.
   */
  levelConfig(): LevelConfig {
    const file = join(this.root, '.svtui', 'logview');
    let config: LevelConfig = { levels: { ...DEFAULT_LEVEL_PATTERNS }, errors: [] };
    try {
      config = parseLevelConfig(readFileSync(file, 'utf8'), file);
    } catch {
      // No file (or none readable): the defaults.
    }
    return { ...config, levels: { ...config.levels, ...this.options.levels } };
  }

  open(serviceDir: string, rows: number): LogTimeline | Fact<'no-log-service'> {
    const found = findLogDir(serviceDir);
    if (found.how === 'none') return { code: 'no-log-service', text: 'no log service' };
    return new LocalTimeline(this, found, rows, new EventMarkers(serviceDir, basename(serviceDir)));
  }

  /** Several services' logs as one timeline (their first log directory each). */
  openMerged(serviceDirs: readonly string[], rows: number): LogTimeline | Fact<'no-log-service'> {
    const services = serviceDirs.flatMap((serviceDir) => {
      const found = findLogDir(serviceDir);
      if (found.how === 'none') return [];
      const logDir = found.dirs[0] ?? found.path;
      return [{ name: basename(serviceDir), serviceDir, logDir }];
    });
    if (services.length === 0) return { code: 'no-log-service', text: 'no log service' };
    const { levels, errors } = this.levelConfig();
    return new MergedTimeline(services, rows, {
      files: nodeLogFiles(),
      stampZone: this.systemZone,
      zone: (name) => this.zone(name),
      title: `${services.length} services merged`,
      levels,
      levelErrors: errors,
    });
  }

  view(dir: string, rows: number): LogView {
    const restore = this.places.get(dir);
    // Read at the console's frame pace, not at every write of a busy logger.
    return openLogView(dir, { rows, readWhenAsked: true, ...(restore ? { restore } : {}) });
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
  private tools: TimelineTools;
  private readonly levels: LevelConfig;

  constructor(
    private readonly logs: LocalLogs,
    private readonly found: FoundLogDir,
    private rows: number,
    private readonly markers: EventMarkers,
  ) {
    this.dirs = found.dirs.length > 0 ? found.dirs : [found.path];
    this.levels = logs.levelConfig();
    this.view = logs.view(this.dir(), rows);
    this.unsubscribe = this.watchView();
    this.tools = this.openTools();
  }

  window(): LogWindowFacts {
    const info = this.view.info();
    const note = this.note(info.noteCode, info.note);
    const count = this.dirs.length;
    const { tools } = this;
    const zone = this.logs.systemZone;
    const at = (line: string) => {
      const time = stampTime(line, zone);
      return time && micros(time);
    };
    const placed = interleaveMarkers(
      tools.lines(),
      this.markers.read(),
      at,
      tools.following(),
      this.rows,
    );
    const lines = placed.lines;
    const hits = tools.hits(lines);
    const search = tools.searchFacts();
    const landedLine = tools.landedRow();
    const landed = landedLine === undefined ? undefined : placed.rowOf[landedLine];
    const hidden = tools.hiddenFacts();
    const filteredPlace = tools.filteredPlace();
    const origins =
      placed.markerRows.length > 0
        ? lines.map((_, row) => ({
            service: this.markers.name,
            ...(placed.markerRows.includes(row) ? { marker: true } : {}),
          }))
        : undefined;
    return {
      title: this.logs.title(this.dir()),
      lines,
      following: tools.following(),
      atTop: filteredPlace?.atTop ?? info.atTop,
      fraction: filteredPlace?.fraction ?? info.fraction,
      ...(note ? { note } : {}),
      ...(count > 1 ? { directory: { index: this.index, count } } : {}),
      ...(search ? { search } : {}),
      ...(hits ? { hits } : {}),
      ...(landed !== undefined && landed >= 0 ? { landed } : {}),
      ...(hidden ? { hidden } : {}),
      ...(origins ? { origins } : {}),
    };
  }

  async search(query: LogQueryInput): Promise<Fact<'found' | 'bad-query'>> {
    const result = this.tools.startSearch(query.text, query.literal ?? false);
    if (result.code !== 'bad-query') {
      // From the tail, the last hit above it; else the first one below the window's top (less).
      const direction = this.tools.following() ? -1 : 1;
      void this.tools.step(direction, this.rows).then(() => this.notify());
      return { code: 'found', text: result.text };
    }
    return { code: 'bad-query', text: result.text };
  }

  step(direction: 1 | -1): Promise<Fact<LogStepCode>> {
    return this.tools.step(direction, this.rows);
  }

  async stepLevel(level: LogLevel, direction: 1 | -1): Promise<Fact<LogStepCode>> {
    const landed = await this.tools.stepLevel(level, direction, this.rows);
    return withLevelNote(landed, this.levels.errors);
  }

  cancelSearch(): void {
    this.tools.cancelSearch();
  }

  jump(when: string, zone: string): Promise<Fact<LogStepCode>> {
    return this.tools.jump(when, zone, this.rows);
  }

  async setFilters(filters: readonly LogFilterInput[]): Promise<Fact<'found' | 'bad-query'>> {
    const result = this.tools.setFilters(
      filters.map((f) => ({ ...f, literal: f.literal ?? false })),
      this.rows,
    );
    return result.code === 'bad-query'
      ? { code: 'bad-query', text: result.text }
      : { code: 'found', text: result.text };
  }

  move(move: LogMove): void {
    const { view, rows } = this;
    if (move.kind !== 'nextDirectory' && this.tools.moveFiltered(filteredMove(move, rows), rows))
      return;
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
        this.unsubscribe = this.watchView();
        this.tools.close();
        this.tools = this.openTools();
        break;
    }
    this.notify();
  }

  resize(rows: number): void {
    if (rows === this.rows) return;
    this.rows = Math.max(1, rows);
    this.view.resize(this.rows);
    if (this.tools.isFiltered) this.tools.diskChanged(this.rows);
    this.notify();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.tools.close();
    this.closeView();
    this.listeners.clear();
  }

  private watchView(): () => void {
    return this.view.onChange(() => {
      this.tools?.diskChanged(this.rows);
      this.notify();
    });
  }

  private openTools(): TimelineTools {
    const { logs } = this;
    return new TimelineTools(
      {
        files: nodeLogFiles(),
        dir: this.dir(),
        stampZone: logs.systemZone,
        zone: (name) => logs.zone(name),
        changed: () => this.notify(),
        levels: this.levels.levels,
      },
      this.view,
    );
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

/** A move of the plain view, as the filtered window counts it. */
function filteredMove(move: Exclude<LogMove, { kind: 'nextDirectory' }>, rows: number) {
  switch (move.kind) {
    case 'tail':
      return { kind: 'tail' } as const;
    case 'top':
      return { kind: 'top' } as const;
    case 'page':
      return { kind: 'by', lines: move.direction * rows } as const;
    case 'half':
      return { kind: 'by', lines: move.direction * Math.max(1, Math.floor(rows / 2)) } as const;
    case 'line':
      return { kind: 'by', lines: move.direction } as const;
  }
}
