// Pure: log lines per second of a service, from the running count of lines its logger has read
// (the supervisor's in-process logger keeps one per log pipe) at two samples. The first sample,
// a count that went back (a new pipe) and a service without a count have no rate: "not known",
// never a made-up 0.

/** A count of lines read, and when (ms). */
export interface LineCount {
  lines: number;
  atMs: number;
}

/** Lines a second between `before` and `now`, rounded; undefined when not known. */
export function linesPerSecond(
  before: LineCount | undefined,
  now: LineCount | undefined,
): number | undefined {
  if (!before || !now || now.lines < before.lines || now.atMs <= before.atMs) return undefined;
  return Math.round(((now.lines - before.lines) * 1000) / (now.atMs - before.atMs));
}
