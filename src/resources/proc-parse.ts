// Pure parsers of what the sampler reads from /proc: a process's `stat` line, the `Pss:` of its
// `smaps_rollup`, and the clock tick and page size from `/proc/self/auxv`. They work on bytes as
// read, without making strings: a sweep parses every process on the box each tick.

/** The fields of /proc/PID/stat the sampler uses (proc(5); numbers 1-based as there). */
export interface ProcStat {
  pid: number;
  /** 4 */
  ppid: number;
  /** 6: the session; a service's processes share its ./run's pid here. */
  sid: number;
  /** 14 + 15: user and system time, in clock ticks. */
  ticks: number;
  /** 20 */
  threads: number;
  /** 22: clock ticks after boot; with the pid it names one process across pid reuse. */
  starttime: number;
  /** 24: resident pages. */
  rssPages: number;
}

const SPACE = 0x20;
const PAREN = 0x29;
const STAT_FIELDS = [1, 3, 11, 12, 17, 19, 21]; // ppid sid utime stime threads starttime rss

/**
 * Parse `length` bytes of a stat line. The command name (field 2) may hold spaces and
 * parentheses, so fields are counted from its last `)`. Undefined when the line is cut short.
 */
export function parseStat(bytes: Uint8Array, length = bytes.length): ProcStat | undefined {
  let i = length - 1;
  while (i > 0 && bytes[i] !== PAREN) i--;
  if (i <= 0) return undefined;
  let pid = 0;
  for (let k = 0; k < i && bytes[k] !== SPACE; k++) pid = pid * 10 + bytes[k]! - 48;
  // Fields after ") ": index 0 is field 3 (state), so field n is index n - 3. The ones read
  // are all unsigned numbers.
  const want = STAT_FIELDS;
  const got: number[] = [];
  for (let at = i + 2, index = 0; got.length < want.length; index++) {
    if (at >= length) return undefined;
    const wanted = index === want[got.length];
    let value = 0;
    let end = at;
    for (; end < length && bytes[end] !== SPACE && bytes[end] !== 0x0a; end++)
      if (wanted) value = value * 10 + bytes[end]! - 48;
    if (wanted) got.push(value);
    at = end + 1;
  }
  const [ppid = 0, sid = 0, utime = 0, stime = 0, threads = 0, starttime = 0, rssPages = 0] = got;
  return { pid, ppid, sid, ticks: utime + stime, threads, starttime, rssPages };
}

const PSS = [0x0a, 0x50, 0x73, 0x73, 0x3a]; // "\nPss:"

/** The `Pss:` line of smaps_rollup, in KB; undefined when there is none. */
export function parseSmapsRollupPss(bytes: Uint8Array, length = bytes.length): number | undefined {
  outer: for (let i = 0; i + PSS.length <= length; i++) {
    for (let k = 0; k < PSS.length; k++) if (bytes[i + k] !== PSS[k]) continue outer;
    let value = 0;
    let digits = 0;
    for (let j = i + PSS.length; j < length; j++) {
      const c = bytes[j]!;
      if (c >= 48 && c <= 57) {
        value = value * 10 + c - 48;
        digits++;
      } else if (c !== SPACE || digits > 0) break;
    }
    return digits > 0 ? value : undefined;
  }
  return undefined;
}

/**
 * AT_CLKTCK (17) and AT_PAGESZ (6) from the auxiliary vector (pairs of native 64-bit words,
 * little-endian on the machines svtui targets): what sysconf(_SC_CLK_TCK) and getpagesize()
 * answer in C, which Node does not expose.
 */
export function parseAuxv(bytes: Uint8Array): { clockTicks?: number; pageSize?: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { clockTicks?: number; pageSize?: number } = {};
  for (let at = 0; at + 16 <= bytes.byteLength; at += 16) {
    const type = Number(view.getBigUint64(at, true));
    const value = Number(view.getBigUint64(at + 8, true));
    if (type === 0) break;
    if (type === 17) out.clockTicks = value;
    if (type === 6) out.pageSize = value;
  }
  return out;
}
