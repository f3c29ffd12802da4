// Pure: log lines per second of each service, from the running count of lines its logger has
// read (the supervisor's in-process logger keeps one per log pipe) and the sampling times. The
// first sample of a service, a count that went back (a new pipe) and a service without a count
// have no rate: "not known", never a made-up 0.
export class LogRate {
  readonly #seen = new Map<string, { lines: number; atMs: number }>();

  /** Lines a second since the previous call for `name`, rounded; undefined when not known. */
  rate(name: string, lines: number | undefined, atMs: number): number | undefined {
    if (lines === undefined) {
      this.#seen.delete(name);
      return undefined;
    }
    const before = this.#seen.get(name);
    this.#seen.set(name, { lines, atMs });
    if (!before || lines < before.lines || atMs <= before.atMs) return undefined;
    return Math.round(((lines - before.lines) * 1000) / (atMs - before.atMs));
  }

  /** Forget the services not in `names` (left the tree, or went down). */
  keepOnly(names: ReadonlySet<string>): void {
    for (const name of this.#seen.keys()) if (!names.has(name)) this.#seen.delete(name);
  }
}
