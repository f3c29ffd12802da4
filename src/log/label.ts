// The 26-byte prefix multilog's `t` puts before a line: `@` + 24 lowercase hex digits + space.
// One label serves every line of a chunk (they arrived together), so it is written once per
// chunk, by the one label writer (src/codec/tai64n.ts), into a buffer kept for the next.
import { LABEL_TEXT_LENGTH, writeLabel, type Tai64nTime } from '../codec/tai64n.js';

export const LABEL_LENGTH = LABEL_TEXT_LENGTH + 1;

export class LabelMaker {
  private label: Buffer | undefined;

  /** The label of `time`; the returned buffer is reused by the next call. */
  labelFor(time: Tai64nTime): Buffer {
    let label = this.label;
    if (!label) {
      label = this.label = Buffer.alloc(LABEL_LENGTH);
      label[LABEL_TEXT_LENGTH] = 32;
    }
    writeLabel(label, 0, time);
    return label;
  }
}
