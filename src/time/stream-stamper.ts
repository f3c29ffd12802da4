// tai64n over a byte stream: each line gets `@` + 24 hex digits + space, the label of the moment
// its first byte was read. The clock is passed in; input and output share one buffer so copies
// are native copyWithin calls, as in stream-decoder.ts.
import { LABEL_TEXT_LENGTH, writeLabel, type Tai64nTime } from '../codec/tai64n.js';
import type { Sink } from './stream-decoder.js';

const NEWLINE = 10;
const LABEL_LENGTH = LABEL_TEXT_LENGTH + 1; // `@` + 24 hex digits + space

export class LineStamper {
  /** Read input into mem[0, inputCapacity), then call stamp(n, now). */
  readonly mem: Buffer;
  readonly inputCapacity: number;
  private readonly input: Buffer; // the input region (Buffer#indexOf is memchr)
  private readonly labelAt: number; // the current label lives in mem, after the output region
  private readonly outStart: number;
  private readonly outEnd: number;
  private out: number;
  private atLineStart = true;

  constructor(
    private readonly sink: Sink,
    inputCapacity = 1 << 18,
  ) {
    this.inputCapacity = inputCapacity;
    this.outStart = inputCapacity;
    this.outEnd = inputCapacity * 2 + LABEL_LENGTH;
    this.labelAt = this.outEnd;
    this.mem = Buffer.allocUnsafeSlow(this.outEnd + LABEL_LENGTH);
    this.input = Buffer.from(this.mem.buffer, this.mem.byteOffset, inputCapacity);
    this.out = this.outStart;
    this.mem[this.labelAt + LABEL_TEXT_LENGTH] = 32;
  }

  /** Stamp mem[0, n), read at instant `now`, and hand the result to the sink. */
  stamp(n: number, now: Tai64nTime): void {
    this.setLabel(now);
    const mem = this.mem;
    let p = 0;
    while (p < n) {
      if (this.atLineStart) {
        if (this.out + LABEL_LENGTH > this.outEnd) this.flush();
        mem.copyWithin(this.out, this.labelAt, this.labelAt + LABEL_LENGTH);
        this.out += LABEL_LENGTH;
        this.atLineStart = false;
      }
      let stop = this.input.indexOf(NEWLINE, p);
      if (stop < 0 || stop >= n) stop = n;
      else {
        stop++;
        this.atLineStart = true;
      }
      if (this.out + (stop - p) > this.outEnd) this.flush();
      mem.copyWithin(this.out, p, stop);
      this.out += stop - p;
      p = stop;
    }
    this.flush();
  }

  private flush(): void {
    if (this.out > this.outStart) this.sink(this.mem, this.outStart, this.out);
    this.out = this.outStart;
  }

  private setLabel(now: Tai64nTime): void {
    writeLabel(this.mem, this.labelAt, now);
  }
}
