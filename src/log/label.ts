// The 26-byte prefix multilog's `t` puts before a line: `@` + 24 lowercase hex digits + space.
// One label serves every line of a chunk (they arrived together), so it is built once per chunk;
// the 17 bytes of `@` and seconds are kept for as long as the second does not change.
import { TAI_UNIX_OFFSET, type Tai64nTime } from '../codec/tai64n.js';

export const LABEL_LENGTH = 26;
const HEX = Buffer.from('0123456789abcdef');

export class LabelMaker {
  private label: Buffer | undefined;
  private second: bigint | undefined;

  /** The label of `time`; the returned buffer is reused by the next call. */
  labelFor(time: Tai64nTime): Buffer {
    const label = (this.label ??= Buffer.alloc(LABEL_LENGTH));
    if (time.seconds !== this.second) {
      this.second = time.seconds;
      const hex = BigInt.asUintN(64, time.seconds + TAI_UNIX_OFFSET)
        .toString(16)
        .padStart(16, '0');
      label.write(`@${hex}`, 0, 'latin1');
      label[LABEL_LENGTH - 1] = 32;
    }
    let nano = time.nanoseconds >>> 0;
    for (let i = 24; i >= 17; i--) {
      label[i] = HEX[nano & 15]!;
      nano >>>= 4;
    }
    return label;
  }
}
