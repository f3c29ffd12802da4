// Line splitting and selection (spec §4.3): a chunk of input becomes the bytes each directory
// takes, the `e` alerts and the `=` status contents. Pure: the caller passes the label (one per
// chunk: its lines arrived together) and does the writing.
//
// A line is decided once its first 1000 bytes (label included) or its end are known; until then
// its head waits in `pending` (at most 1000 bytes, and only while a line is open), as in
// multilog's line buffer: a partial line reaches current only when complete or 1000 bytes long. Directories get
// the whole line; patterns, `e` and `=` see the head.
import { matchPattern } from './pattern.js';
import { needsLineHead, type Action, type Script } from './script.js';

const NEWLINE = 10;
export const HEAD_LIMIT = 1000;
const ALERT_LIMIT = 200;
export const STATUS_LENGTH = 1001;

export interface Routed {
  /** Holds the bytes of this chunk as written (labels included), where `ranges` say. */
  data: Buffer;
  /** Per directory (script order): flat [start, end) pairs of `data` it takes, in order. */
  ranges: number[][];
  /** Text for stderr from `e` actions. */
  alerts: Buffer | undefined;
  /** Per status file (script order): its new 1001 bytes, when a line selected it. */
  statuses: (Buffer | undefined)[];
}

type LineState = 'start' | 'pending' | 'open';

export class LineRouter {
  private readonly actions: Action[];
  private readonly directories: number;
  private readonly statusFiles: number;
  private readonly needsHead: boolean;
  private state: LineState = 'start';
  private pending: Buffer | undefined;
  private openSelection: boolean[] | undefined;
  /** `e` output of the push in progress: [start, end) of each line's cut head in the buffer. */
  private alerts: number[] = [];

  /** With `reuse`, one working buffer serves every push (the result is valid until the next). */
  private scratch: Buffer | undefined;

  constructor(
    script: Script,
    private readonly reuse = false,
  ) {
    this.actions = script.actions;
    this.directories = script.actions.filter((a) => a.kind === 'directory').length;
    this.statusFiles = script.actions.filter((a) => a.kind === 'status').length;
    this.needsHead = needsLineHead(script);
  }

  /** Whether the input so far ends inside a line. */
  get midLine(): boolean {
    return this.state !== 'start';
  }

  /** Route `chunk`; `label` (26 bytes) starts every line whose first byte is in it. */
  push(chunk: Buffer, label?: Buffer): Routed {
    if (
      !label &&
      !this.needsHead &&
      this.state !== 'pending' &&
      chunk[chunk.length - 1] === NEWLINE
    ) {
      this.state = 'start';
      return this.everything(chunk, 0, chunk.length);
    }
    // One buffer holds the chunk, the pending head and the label, then the output after them:
    // every per-line copy is a copyWithin inside it (no view objects allocated per line).
    const pendingLength = this.pending?.length ?? 0;
    const labelAt = chunk.length + pendingLength;
    const outStart = labelAt + (label?.length ?? 0);
    const mem = this.workingBuffer(outStart + this.capacity(chunk, label));
    const bytes = new Uint8Array(mem.buffer, mem.byteOffset, mem.length);
    chunk.copy(mem, 0);
    this.pending?.copy(mem, chunk.length);
    label?.copy(mem, labelAt);
    const routed = this.emptyRouted(mem);
    let o = outStart;
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, pos);
      const complete = nl >= 0;
      const lineEnd = complete ? nl + 1 : chunk.length;
      const lineStart = o;
      if (this.state === 'start' && label) {
        bytes.copyWithin(o, labelAt, outStart);
        o += outStart - labelAt;
      } else if (this.state === 'pending') {
        bytes.copyWithin(o, chunk.length, labelAt);
        o += pendingLength;
      }
      bytes.copyWithin(o, pos, lineEnd);
      o += lineEnd - pos;
      pos = lineEnd;
      if (this.state === 'open') {
        if (this.needsHead) this.take(routed, this.openSelection!, lineStart, o);
      } else if (complete || o - lineStart >= HEAD_LIMIT) {
        const headEnd = Math.min(complete ? o - 1 : o, lineStart + HEAD_LIMIT);
        this.openSelection = this.needsHead
          ? this.decide(routed, mem, lineStart, headEnd)
          : undefined;
        if (this.openSelection) this.take(routed, this.openSelection, lineStart, o);
      } else {
        this.pending = Buffer.from(mem.subarray(lineStart, o));
        o = lineStart;
        this.state = 'pending';
        continue;
      }
      this.pending = undefined;
      this.state = complete ? 'start' : 'open';
    }
    if (!this.needsHead) return this.everything(mem, outStart, o);
    routed.data = mem;
    return this.finishAlerts(routed);
  }

  /** End of input: a line without its `\n` gets one (spec §4.3, T14). */
  finish(): Routed {
    if (this.state === 'start') return this.emptyRouted(Buffer.alloc(0));
    const tail = this.state === 'pending' ? this.pending! : Buffer.alloc(0);
    const state = this.state;
    this.state = 'start';
    this.pending = undefined;
    const out = Buffer.concat([tail, Buffer.from('\n')]);
    if (!this.needsHead) return this.everything(out, 0, out.length);
    const routed = this.emptyRouted(out);
    const selection =
      state === 'pending'
        ? this.decide(routed, out, 0, Math.min(tail.length, HEAD_LIMIT))
        : this.openSelection!;
    this.take(routed, selection, 0, out.length);
    return this.finishAlerts(routed);
  }

  private workingBuffer(size: number): Buffer {
    if (!this.reuse) return Buffer.allocUnsafe(size);
    if (!this.scratch || this.scratch.length < size) this.scratch = Buffer.allocUnsafeSlow(size);
    return this.scratch;
  }

  private capacity(chunk: Buffer, label: Buffer | undefined): number {
    let lines = 1;
    if (label)
      for (let i = chunk.indexOf(NEWLINE); i >= 0; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
    return chunk.length + (this.pending?.length ?? 0) + (label ? label.length * lines : 0);
  }

  private everything(data: Buffer, start: number, end: number): Routed {
    const all = end > start ? [start, end] : [];
    return {
      data,
      ranges: Array.from({ length: this.directories }, () => all),
      alerts: undefined,
      statuses: [],
    };
  }

  private emptyRouted(data: Buffer): Routed {
    return {
      data,
      ranges: Array.from({ length: this.directories }, () => []),
      alerts: undefined,
      statuses: new Array<Buffer | undefined>(this.statusFiles).fill(undefined),
    };
  }

  private take(routed: Routed, selection: boolean[], start: number, end: number): void {
    for (let d = 0; d < selection.length; d++) {
      if (!selection[d]) continue;
      const ranges = routed.ranges[d]!;
      if (ranges.length > 0 && ranges[ranges.length - 1] === start) ranges[ranges.length - 1] = end;
      else ranges.push(start, end);
    }
  }

  /** Run the script over one line's head; returns which directories take the line. */
  private decide(routed: Routed, buf: Buffer, start: number, end: number): boolean[] {
    const selection: boolean[] = [];
    let selected = true;
    let status = 0;
    for (const action of this.actions) {
      switch (action.kind) {
        case 'deselect':
          if (selected && matchPattern(action.pattern, buf, start, end)) selected = false;
          break;
        case 'select':
          if (!selected && matchPattern(action.pattern, buf, start, end)) selected = true;
          break;
        case 'alert':
          if (selected) this.alert(buf, start, end);
          break;
        case 'status':
          if (selected) routed.statuses[status] = statusContent(buf, start, end);
          status++;
          break;
        case 'directory':
          selection.push(selected);
      }
    }
    return selection;
  }

  private alert(buf: Buffer, start: number, end: number): void {
    this.alerts.push(start, Math.min(end, start + ALERT_LIMIT), end - start > ALERT_LIMIT ? 1 : 0);
  }

  /** Gather the `e` lines of this push into one buffer: the cut head, then `\n` or `...\n`. */
  private finishAlerts(routed: Routed): Routed {
    const marks = this.alerts;
    if (marks.length === 0) return routed;
    let size = 0;
    for (let i = 0; i < marks.length; i += 3)
      size += marks[i + 1]! - marks[i]! + (marks[i + 2] ? 4 : 1);
    const out = Buffer.allocUnsafe(size);
    let o = 0;
    for (let i = 0; i < marks.length; i += 3) {
      o += routed.data.copy(out, o, marks[i]!, marks[i + 1]!);
      o += out.write(marks[i + 2] ? '...\n' : '\n', o, 'latin1');
    }
    routed.alerts = out;
    this.alerts = [];
    return routed;
  }
}

/** `=file` content: the head, padded with `\n` to 1001 bytes. */
export function statusContent(buf: Buffer, start: number, end: number): Buffer {
  const out = Buffer.alloc(STATUS_LENGTH, NEWLINE);
  buf.copy(out, 0, start, Math.min(end, start + HEAD_LIMIT));
  return out;
}
