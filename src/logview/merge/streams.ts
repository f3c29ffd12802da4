// The logs a merged timeline is made of, behind one small interface: a log directory (read
// with the view's TimelineReader on a fresh listing each time, so rotation under the reader
// is followed by file identity) and a service's restart markers (in memory). An item knows
// where it starts and where the next one starts, so a window can be kept as one cursor per log.
import type { Zone } from '../../time/zone.js';
import type { LogFiles } from '../files.js';
import { StaleListing, TimelineReader, type LogLine, type ReaderLimits } from '../reader.js';
import { mapPosition, type Segment } from '../segments.js';
import { micros, stampTime } from '../search/stamp.js';
import type { LogPosition } from '../types.js';
import type { MergeItem } from './merge-order.js';
import type { Marker } from './restart-markers.js';

export interface StreamItem extends MergeItem {
  text: string;
  /** Where the item starts and where the next one does. */
  pos: LogPosition;
  next: LogPosition;
  marker?: boolean;
}

export interface Stream {
  /** Up to `count` items ending before `cursor` (undefined: the end), oldest first. */
  before(cursor: LogPosition | undefined, count: number): StreamItem[];
  /** Up to `count` items from `cursor` on (undefined: the end, so none). */
  from(cursor: LogPosition | undefined, count: number): StreamItem[];
  /** Where the first item is (undefined when there is none). */
  first(): LogPosition | undefined;
  /** The log changed on disk: read it again. */
  invalidate?(): void;
}

export const DEFAULT_LIMITS: ReaderLimits = {
  maxLineBytes: 4096,
  windowBytes: 64 * 1024,
  scanLimit: 1 << 20,
};

export class DirectoryStream implements Stream {
  /** The directory's listing, kept until the directory changes (invalidate) or a file is gone. */
  private listing: Segment[] | undefined;

  constructor(
    private readonly files: LogFiles,
    readonly dir: string,
    private readonly source: number,
    private readonly stampZone: Zone,
    private readonly limits: ReaderLimits = DEFAULT_LIMITS,
  ) {}

  before(cursor: LogPosition | undefined, count: number): StreamItem[] {
    return this.read((reader) => {
      const at = cursor ? mapPosition(cursor, reader.segments) : reader.end();
      if (!at) return [];
      return reader.before(at.index, at.offset, count);
    });
  }

  from(cursor: LogPosition | undefined, count: number): StreamItem[] {
    if (!cursor) return [];
    return this.read((reader) => {
      const at = mapPosition(cursor, reader.segments);
      return at ? reader.from(at.index, at.offset, count) : [];
    });
  }

  /** The directory changed: list it again at the next read. */
  invalidate(): void {
    this.listing = undefined;
  }

  first(): LogPosition | undefined {
    const first = this.list()[0];
    return first && { fileId: first.id, name: first.name, offset: 0 };
  }

  private read(lines: (reader: TimelineReader) => LogLine[]): StreamItem[] {
    for (let attempt = 0; ; attempt++) {
      const reader = new TimelineReader(this.files, this.dir, this.list(), this.limits);
      try {
        return lines(reader).map((line) => this.item(line));
      } catch (error) {
        this.listing = undefined;
        if (!(error instanceof StaleListing) || attempt >= 3) return [];
      } finally {
        reader.close();
      }
    }
  }

  private list(): Segment[] {
    this.listing ??= this.files.list(this.dir);
    return this.listing;
  }

  private item(line: LogLine): StreamItem {
    const time = stampTime(line.text, this.stampZone);
    return {
      source: this.source,
      at: time ? micros(time) : undefined,
      text: line.text,
      pos: { fileId: line.fileId, name: line.name, offset: line.start },
      next: { fileId: line.fileId, name: line.name, offset: line.next },
    };
  }
}

export class MarkerStream implements Stream {
  constructor(
    private markers: readonly Marker[],
    private readonly source: number,
  ) {}

  setMarkers(markers: readonly Marker[]): void {
    this.markers = markers;
  }

  before(cursor: LogPosition | undefined, count: number): StreamItem[] {
    const end = cursor ? cursor.offset : this.markers.length;
    const start = Math.max(0, end - count);
    return this.slice(start, end);
  }

  from(cursor: LogPosition | undefined, count: number): StreamItem[] {
    if (!cursor) return [];
    return this.slice(cursor.offset, cursor.offset + count);
  }

  first(): LogPosition | undefined {
    return this.markers.length > 0 ? markerPosition(0) : undefined;
  }

  private slice(start: number, end: number): StreamItem[] {
    const out: StreamItem[] = [];
    for (let i = start; i < Math.min(end, this.markers.length); i++) {
      const marker = this.markers[i]!;
      out.push({
        source: this.source,
        at: marker.at,
        text: marker.text,
        pos: markerPosition(i),
        next: markerPosition(i + 1),
        marker: true,
      });
    }
    return out;
  }
}

function markerPosition(index: number): LogPosition {
  return { fileId: 'markers', name: 'markers', offset: index };
}
