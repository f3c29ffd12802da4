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
const NEWLINE = 0x0a;

/**
 * Parse `length` bytes of a stat line into `into`, in place (a sweep reads every process each
 * tick: no object, array or string is made). The command name (field 2) may hold spaces and
 * parentheses, so fields are counted from its last `)`. False, and `into` partly written, when
 * the line is cut short.
 */
export function parseStatInto(bytes: Uint8Array, length: number, into: ProcStat): boolean {
  let i = length - 1;
  while (i > 0 && bytes[i] !== PAREN) i--;
  if (i <= 0) return false;
  let pid = 0;
  for (let k = 0; k < i && bytes[k] !== SPACE; k++) pid = pid * 10 + bytes[k]! - 48;
  into.pid = pid;
  // Fields after ") ": index 0 is field 3 (state), so field n is index n - 3. The ones read
  // (ppid sid utime stime threads starttime rss: indexes 1 3 11 12 17 19 21) are all unsigned.
  let utime = 0;
  let at = i + 2;
  for (let index = 0; index <= 21; index++) {
    if (at >= length) return false;
    let value = 0;
    let c = bytes[at]!;
    while (c !== SPACE && c !== NEWLINE) {
      value = value * 10 + c - 48;
      if (++at >= length) break;
      c = bytes[at]!;
    }
    at++;
    switch (index) {
      case 1:
        into.ppid = value;
        break;
      case 3:
        into.sid = value;
        break;
      case 11:
        utime = value;
        break;
      case 12:
        into.ticks = utime + value;
        break;
      case 17:
        into.threads = value;
        break;
      case 19:
        into.starttime = value;
        break;
      case 21:
        into.rssPages = value;
        break;
    }
  }
  return true;
}

/** parseStatInto on a new object; undefined when the line is cut short. */
export function parseStat(bytes: Uint8Array, length = bytes.length): ProcStat | undefined {
  const stat: ProcStat = {
    pid: 0,
    ppid: 0,
    sid: 0,
    ticks: 0,
    threads: 0,
    starttime: 0,
    rssPages: 0,
  };
  return parseStatInto(bytes, length, stat) ? stat : undefined;
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
