// How the console splits the terminal's rows (pure, shared by the App and by the composition
// root, which opens the log at the right height before the first frame): a title line, the
// summary line, the table (at most 45 % of the body), the log pane, then the status and key-hint
// lines. One row is
// left unused: an Ink frame as tall as the terminal is redrawn whole every time.

export interface Heights {
  body: number;
  table: number;
  log: number;
  /** Log lines shown under the pane's title. */
  logLines: number;
}

/**
 * `logAbsent`: the selected service has no log to show, so the table takes the room (the pane
 * keeps its title and one line saying why).
 */
export function layoutHeights(rows: number, serviceCount: number, logAbsent = false): Heights {
  const body = Math.max(4, rows - 1 - 4);
  const share = logAbsent ? body - 2 : Math.floor(body * 0.45);
  const table = Math.max(3, Math.min(serviceCount + 1, share));
  const log = body - table;
  return { body, table, log, logLines: Math.max(0, log - 1) };
}
