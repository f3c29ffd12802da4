// What `y` copies and `Y` saves (pure): the lines the pane shows, as text — each stamp decoded in
// the active zone as on screen, every control character made visible (a pasted line cannot act
// on a terminal), the service's name first in the merged timeline. Whole lines: a line cut at
// the pane's width or scrolled sideways is copied in full.
import type { LogWindowFacts } from '../source/port.js';
import { sanitizeLine } from '../logview/sanitize.js';
import { decodeStampLine } from '../logview/time/decode-stamp.js';
import type { Zone } from '../time/zone.js';

export function shownText(
  window: LogWindowFacts,
  zone: Zone,
  stampZone: Zone,
  rows: number,
  merged: boolean,
): { text: string; lines: number } {
  const start = Math.max(0, window.lines.length - rows);
  const lines = window.lines.slice(start).map((raw, i) => {
    const text = sanitizeLine(decodeStampLine(raw, zone, stampZone).text);
    const service = merged ? window.origins?.[start + i]?.service : undefined;
    return service === undefined ? text : `${sanitizeLine(service)} ${text}`;
  });
  return { text: lines.map((l) => `${l}\n`).join(''), lines: lines.length };
}
