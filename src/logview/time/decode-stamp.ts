// A line as the log pane shows it: its stamp, whichever logger wrote it, rewritten in the active
// zone as tai64nlocal writes labels (`YYYY-MM-DD HH:MM:SS.fraction`), the message unchanged.
// Labels decode exactly as tai64nlocal does (time/decode.ts); svlogd's UTC stamps and s6-log's
// local ones are moved into the zone, keeping their own number of fraction digits. Pure.
import { decodeLabelLine } from '../../time/decode.js';
import { formatSecondsPrefix, localTime } from '../../time/local-time.js';
import type { Zone } from '../../time/zone.js';
import { readStamp, stampTime } from '../search/stamp.js';

export interface DecodedLine {
  text: string;
  /** Where the message starts in `text`, and in the raw line: hit spans move by the difference. */
  messageAt: number;
  rawMessageAt: number;
}

export function decodeStampLine(line: string, zone: Zone, stampZone: Zone): DecodedLine {
  const stamp = readStamp(line);
  if (!stamp) return { text: line, messageAt: 0, rawMessageAt: 0 };
  if (stamp.kind === 'tai64n') {
    const text = decodeLabelLine(line, zone);
    const shift = text.length - line.length;
    return { text, messageAt: stamp.message + shift, rawMessageAt: stamp.message };
  }
  const time = stampTime(line, stampZone);
  const fields = time && localTime(time.seconds, zone);
  if (!fields) return { text: line, messageAt: stamp.message, rawMessageAt: stamp.message };
  const head = formatSecondsPrefix(fields) + stamp.fraction;
  const text = head + line.slice(stamp.end);
  return { text, messageAt: stamp.message - stamp.end + head.length, rawMessageAt: stamp.message };
}
