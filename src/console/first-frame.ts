// The console's first screen as plain text, drawn the moment the tree has been read — before Ink
// and React have loaded (~0.35 s of the first-screen budget). It is built from the same pure
// pieces as the Ink components (layout, columns, cells, titles), so when Ink draws its first
// frame over it from the top-left corner, the characters are the same and only keys start to
// work. Colours follow the palette the components use.
import type { LogWindow } from '../store/log-pane-store.js';
import type { ServiceRow } from '../store/model.js';
import { consoleHeader, logTitle, mainHints } from '../ui/chrome.js';
import { cellTexts, headerLine, layoutColumns } from '../ui/columns.js';
import { fit, freshness, rowCells, rowReason } from '../ui/format.js';
import { layoutHeights } from '../ui/layout.js';
import { makePalette, type Colour } from '../ui/palette.js';

export interface FirstFrameInput {
  columns: number;
  rows: number;
  mode: string;
  readOnly: boolean;
  title: string;
  zone: string;
  services: readonly ServiceRow[];
  log: LogWindow;
  nowMs: number;
  noColor: boolean;
}

const sgr: Record<NonNullable<Colour>, string> = {
  green: '32',
  red: '31',
  yellow: '33',
  gray: '90',
  cyan: '36',
  magenta: '35',
};

function paint(text: string, colour: Colour, bold = false): string {
  const codes = [bold ? '1' : '', colour ? sgr[colour] : ''].filter(Boolean);
  return codes.length ? `\x1b[${codes.join(';')}m${text}\x1b[0m` : text;
}

/** The bytes to write on a cleared screen; they end with the cursor back at the top-left. */
export function firstFrame(input: FirstFrameInput): string {
  const { columns: width, rows, services, nowMs } = input;
  const palette = makePalette(input.noColor);
  const heights = layoutHeights(rows, services.length);
  const columns = layoutColumns(width);
  const zoneText = `zone ${input.zone}`;
  const header = consoleHeader(
    input.mode,
    input.readOnly,
    input.title,
    services.length,
    width - zoneText.length - 1,
  );
  const lines: string[] = [
    paint(fit(header, Math.max(1, width - zoneText.length - 1)), undefined, true) +
      ' ' +
      paint(zoneText, palette.accent, true),
    paint(headerLine(columns, true), palette.accent, true),
  ];
  services.slice(0, heights.table - 1).forEach((row, i) => {
    const cells = rowCells(row, nowMs);
    const wantUp = row.observation?.status?.want !== 'down';
    const text = cellTexts(columns, cells)
      .map((p) => {
        if (p.key === 'state') return paint(p.text, palette.state(cells.state, wantUp));
        if (p.key === 'time') return paint(p.text, palette.fresh(freshness(row, nowMs)));
        return p.text;
      })
      .join(' ');
    lines.push(i === 0 ? `\x1b[7m${text.split('\x1b[0m').join('\x1b[0;7m')}\x1b[0m` : text);
  });
  while (lines.length < 1 + heights.table) lines.push('');
  lines.push(paint(logTitle(input.log, width, input.zone), palette.dim));
  const logLines = input.log.lines.slice(-heights.logLines);
  lines.push(...logLines);
  while (lines.length < 1 + heights.body) lines.push('');
  const reason = rowReason(services[0]);
  lines.push(
    reason && paint(fit(reason, width), palette.warn),
    paint(fit(mainHints(width, { readOnly: input.readOnly }), width), palette.dim),
  );
  return `\x1b[H${lines.map((l) => `${l}\x1b[K`).join('\r\n')}\x1b[H`;
}
