// tai64nlocal over a byte stream, built for throughput (this file is long because the hot loop
// must stay in one place). One buffer holds both the input chunk and the output being built, so
// every copy is a native copyWithin and no per-line object or string is made. The formatted
// `Y-MM-DD HH:MM:SS.` is cached per distinct second, the date per day, and the zone's offset for
// the span over which it holds. Labels that do not fit the common 24-digit form, or that straddle
// two chunks, take the general path (label-scan semantics, spec §5.2).
import { TAI_UNIX_OFFSET } from '../codec/tai64n.js';
import { civilFromDays, daemontoolsYear } from './civil.js';
import { formatSecondsPrefix, localTime } from './local-time.js';
import type { Zone } from './zone.js';

/** Receives finished output: bytes[start, end). Must consume them before returning. */
export type Sink = (bytes: Uint8Array, start: number, end: number) => void;

const AT = 64;
const NEWLINE = 10;
const LINE_START = 0;
const REST = 1;
const LABEL = 2;
const PREFIX_ROOM = 64;
/** Longer hex runs after `@` pass through unconverted, to keep memory bounded (spec: any length). */
export const MAX_LABEL_DIGITS = 1 << 20; // the longest prefix + nanoseconds: 20-digit year … 10-digit nanoseconds

function hexTable(): Int8Array {
  const table = new Int8Array(256).fill(-1);
  for (let c = 0; c < 10; c++) table[48 + c] = c;
  for (let c = 0; c < 6; c++) table[97 + c] = 10 + c;
  return table;
}

export class LabelStreamDecoder {
  /** Read input into mem[0, inputCapacity), then call decode(n). */
  readonly mem: Buffer;
  readonly inputCapacity: number;
  private readonly input: Buffer; // the input region (Buffer#indexOf is memchr)
  private readonly hex = hexTable();
  private readonly outStart: number;
  private readonly outEnd: number;
  private out: number;
  private state = LINE_START;
  private labelDigits = '';
  // The cached second: its two 32-bit halves and the prefix bytes (or that it is not convertible).
  private readonly prefix = new Uint8Array(PREFIX_ROOM);
  private prefixLength = 0;
  private readonly view: DataView;
  private key0 = 0; // the cached second's 16 digits as four little-endian words (0: none yet,
  private key1 = 0; // as no word of hex digits is 0)
  private key2 = 0;
  private key3 = 0;
  private cachedValid = false;
  private cachedDay = NaN;
  private dateLength = 0;
  private spanFrom = 0;
  private spanUntil = 0;
  private spanOffset = 0;
  private spanLeapHit = 0;

  constructor(
    private readonly zone: Zone,
    private readonly sink: Sink,
    inputCapacity = 1 << 18,
  ) {
    this.inputCapacity = inputCapacity;
    this.outStart = inputCapacity;
    this.outEnd = inputCapacity * 2 + PREFIX_ROOM;
    this.mem = Buffer.allocUnsafeSlow(this.outEnd);
    this.input = Buffer.from(this.mem.buffer, this.mem.byteOffset, inputCapacity);
    this.view = new DataView(this.mem.buffer, this.mem.byteOffset, this.mem.length);
    this.out = this.outStart;
  }

  /** Decode mem[0, n) and hand everything finished to the sink. */
  decode(n: number): void {
    const mem = this.mem;
    const hex = this.hex;
    let p = 0;
    while (p < n) {
      if (this.state === REST) {
        let stop = this.input.indexOf(NEWLINE, p);
        if (stop < 0 || stop >= n) stop = n;
        else {
          stop++;
          this.state = LINE_START;
        }
        if (this.out + (stop - p) > this.outEnd) this.flush();
        mem.copyWithin(this.out, p, stop);
        this.out += stop - p;
        p = stop;
      } else if (this.state === LINE_START) {
        if (mem[p] !== AT) {
          this.state = REST;
          continue;
        }
        if (p + 25 < n && hex[mem[p + 25]!]! < 0) {
          // The 16 seconds digits, compared as four words with the last second's: on a match
          // they are known valid and only the nanoseconds need parsing.
          const view = this.view;
          const w0 = view.getInt32(p + 1, true);
          const w1 = view.getInt32(p + 5, true);
          const w2 = view.getInt32(p + 9, true);
          const w3 = view.getInt32(p + 13, true);
          let bad = 0;
          if (w0 !== this.key0 || w1 !== this.key1 || w2 !== this.key2 || w3 !== this.key3) {
            let high = 0;
            let low = 0;
            for (let i = p + 1; i < p + 9; i++) {
              const d = hex[mem[i]!]!;
              bad |= d;
              high = high * 16 + d;
            }
            for (let i = p + 9; i < p + 17; i++) {
              const d = hex[mem[i]!]!;
              bad |= d;
              low = low * 16 + d;
            }
            if (bad >= 0) {
              this.cacheSecond(high, low);
              this.key0 = w0;
              this.key1 = w1;
              this.key2 = w2;
              this.key3 = w3;
            }
          }
          let nano = 0;
          for (let i = p + 17; i < p + 25; i++) {
            const d = hex[mem[i]!]!;
            bad |= d;
            nano = nano * 16 + d;
          }
          if (bad >= 0) {
            this.state = REST;
            if (this.cachedValid) {
              this.writePrefix(nano);
              p += 25;
            }
            continue;
          }
        }
        this.state = LABEL;
        this.labelDigits = '';
        p++;
      } else {
        let stop = p;
        while (stop < n && hex[mem[stop]!]! >= 0) stop++;
        if (stop > p) this.labelDigits += mem.toString('latin1', p, stop);
        p = stop;
        if (p < n || this.labelDigits.length > MAX_LABEL_DIGITS) this.endLabel();
      }
    }
    this.flush();
  }

  /** At end of input: a label still being scanned prints nothing, as in tai64nlocal. */
  finish(): void {
    this.state = LINE_START;
    this.labelDigits = '';
    this.flush();
  }

  private flush(): void {
    if (this.out > this.outStart) this.sink(this.mem, this.outStart, this.out);
    this.out = this.outStart;
  }

  /** The general path: a label of any length, maybe spread over chunks. */
  private endLabel(): void {
    const digits = this.labelDigits;
    this.labelDigits = '';
    this.state = REST;
    // A hex run beyond MAX_LABEL_DIGITS is passed through rather than held in memory.
    if (digits.length > MAX_LABEL_DIGITS) return this.writeText(`@${digits}`);
    const last24 = digits.length > 24 ? digits.slice(-24) : digits;
    const register = digits.length > 0 ? BigInt(`0x${last24}`) : 0n;
    const seconds = BigInt.asIntN(64, (register >> 32n) - TAI_UNIX_OFFSET);
    const fields = localTime(seconds, this.zone);
    const text = fields
      ? formatSecondsPrefix(fields) + String(Number(register & 0xffffffffn)).padStart(9, '0')
      : `@${digits}`;
    this.writeText(text);
  }

  private writeText(text: string): void {
    for (let i = 0; i < text.length; i += this.inputCapacity) {
      const part = text.slice(i, i + this.inputCapacity);
      if (this.out + part.length > this.outEnd) this.flush();
      this.out += this.mem.write(part, this.out, 'latin1');
    }
  }

  private writePrefix(nano: number): void {
    if (this.out + PREFIX_ROOM > this.outEnd) this.flush();
    const mem = this.mem;
    const prefix = this.prefix;
    let o = this.out;
    for (let i = 0; i < this.prefixLength; i++) mem[o++] = prefix[i]!;
    if (nano >= 1e9) {
      mem[o++] = 48 + Math.floor(nano / 1e9);
      nano %= 1e9;
    }
    for (let i = o + 8; i >= o; i--) {
      const q = (nano / 10) | 0;
      mem[i] = 48 + nano - q * 10;
      nano = q;
    }
    this.out = o + 9;
  }

  /** Work out the prefix for the label seconds field high·2^32 + low. */
  private cacheSecond(high: number, low: number): void {
    const top = high - 0x40000000;
    if (top > -0x100000 && top < 0x100000) {
      const t = top * 4294967296 + low - 10;
      if (!(t >= this.spanFrom && t < this.spanUntil)) {
        const found = this.zone.lookup(t);
        this.cachedValid = found !== undefined;
        if (!found) return;
        this.spanFrom = found.from;
        this.spanUntil = found.until;
        this.spanOffset = found.offset;
        this.spanLeapHit = found.leapHit;
      }
      this.cachedValid = true;
      this.fastPrefix(t + this.spanOffset, this.spanLeapHit);
      return;
    }
    const seconds = BigInt.asIntN(64, ((BigInt(high) << 32n) | BigInt(low)) - TAI_UNIX_OFFSET);
    const fields = localTime(seconds, this.zone);
    this.cachedValid = fields !== undefined;
    this.cachedDay = NaN;
    if (fields) this.prefixLength = this.writeAscii(formatSecondsPrefix(fields), 0);
  }

  /** The prefix for local seconds `local` (safe integer), reusing the date when the day repeats. */
  private fastPrefix(local: number, leapHit: number): void {
    const day = Math.floor(local / 86400);
    const sod = (local - day * 86400) | 0;
    if (day !== this.cachedDay) {
      const date = civilFromDays(day);
      const prefix = this.prefix;
      if (date.year >= 1000 && date.year <= 9999) {
        let y = date.year;
        for (let k = 3; k >= 0; k--, y = Math.floor(y / 10)) prefix[k] = 48 + (y % 10);
        prefix[4] = 45;
        prefix[5] = 48 + Math.floor(date.month / 10);
        prefix[6] = 48 + (date.month % 10);
        prefix[7] = 45;
        prefix[8] = 48 + Math.floor(date.day / 10);
        prefix[9] = 48 + (date.day % 10);
        prefix[10] = 32;
        this.dateLength = 11;
      } else {
        const two = (n: number) => (n < 10 ? `0${n}` : String(n));
        const text = `${daemontoolsYear(date.year)}-${two(date.month)}-${two(date.day)} `;
        this.dateLength = this.writeAscii(text, 0);
      }
      this.cachedDay = day;
    }
    const prefix = this.prefix;
    let o = this.dateLength;
    const hour = (sod / 3600) | 0;
    const minute = ((sod - hour * 3600) / 60) | 0;
    const second = sod - hour * 3600 - minute * 60 + leapHit;
    const h10 = (hour / 10) | 0;
    const m10 = (minute / 10) | 0;
    const s10 = (second / 10) | 0;
    prefix[o++] = 48 + h10;
    prefix[o++] = 48 + hour - h10 * 10;
    prefix[o++] = 58;
    prefix[o++] = 48 + m10;
    prefix[o++] = 48 + minute - m10 * 10;
    prefix[o++] = 58;
    prefix[o++] = 48 + s10;
    prefix[o++] = 48 + second - s10 * 10;
    prefix[o++] = 46;
    this.prefixLength = o;
  }

  private writeAscii(text: string, at: number): number {
    for (let i = 0; i < text.length; i++) this.prefix[at + i] = text.charCodeAt(i);
    return at + text.length;
  }
}
