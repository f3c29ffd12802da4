// The typed rules of a service's `monitor` file and the tree's `.svtui/monitrc`: what the parser
// returns and the evaluator (step.ts) reads. Plain data, JSON-safe, so rule state can be kept
// on disk beside them.

/** Where a statement or a token starts in its file: both from 1 (columns in UTF-16 units). */
export interface Position {
  line: number;
  column: number;
}

/** monit's comparison operators, its words (gt, lt, ge, le, eq, ne, …) mapped to these. */
export type Operator = '>' | '<' | '>=' | '<=' | '=' | '!=';

/**
 * How often a result must occur before the state changes: `for N cycles` is N of the last N
 * (consecutive), `N times within M cycles` is N of the last M, no clause is 1 of 1 — monit's own
 * representation (rate.count, rate.cycles).
 */
export interface Rate {
  times: number;
  within: number;
}

/** A command as monit splits `exec "…"`: on blanks, '…' keeping blanks inside. */
export interface Command {
  /** The text between the double quotes, as written. */
  text: string;
  argv: string[];
}

export type Action =
  | { kind: 'alert' }
  | { kind: 'restart' }
  | { kind: 'start' }
  | { kind: 'stop' }
  | { kind: 'unmonitor' }
  | {
      kind: 'exec';
      command: Command;
      /** `repeat every N cycles`: run again every N cycles while the state lasts. */
      repeatEvery?: number;
    };

/** `else if succeeded [rate] then ACTION` (or `else ACTION`); absent in the text: alert, 1 of 1. */
export interface Recovery {
  action: Action;
  rate: Rate;
  /** Written in the file, not monit's default. */
  written: boolean;
}

/** Fields every rule but the restart limit shares: failure rate, action, recovery. */
interface Tested {
  at: Position;
  rate: Rate;
  then: Action;
  else: Recovery;
}

/** `if failed [host H] port N [type tcp] [protocol http …] [content …] [timeout N s] [retry N]`. */
export interface PortRule extends Tested {
  kind: 'port';
  /** localhost when not written, as monit inside `check process`. */
  host: string;
  port: number;
  /** Present with `protocol http`: the request and the status that counts as success. */
  http?: {
    /** `/` when not written. */
    request: string;
    /** Success when `status OP N` holds; absent: success below 400, as monit. */
    status?: { op: Operator; value: number };
  };
  /** `content = "re"` (must match) or `content != "re"` (must not), a POSIX-style regex. */
  content?: { op: '=' | '!='; pattern: string };
  /** 5 when not written, as monit. */
  timeoutSeconds: number;
  /** Attempts after a failed one within the same cycle; 0 when not written. */
  retry: number;
}

/** svtui's own: `if failed program "./check" [with timeout N seconds] [status OP N]`. */
export interface ProgramRule extends Tested {
  kind: 'program';
  command: Command;
  timeoutSeconds: number;
  /** Success when the exit status satisfies this; `= 0` when not written (runit's check). */
  status: { op: Operator; value: number };
}

export type ResourceName = 'cpu' | 'totalcpu' | 'memory' | 'totalmemory' | 'children' | 'threads';

/** `if cpu > 50%`, `if memory > 200 MB`, `if children > 10`: failure while the test holds. */
export interface ResourceRule extends Tested {
  kind: 'resource';
  resource: ResourceName;
  op: Operator;
  /** Percent for `%`, bytes for a size (KB = 1024 B), a count for children and threads. */
  limit: number;
  unit: 'percent' | 'bytes' | 'count';
}

/** `if uptime > N hours`: failure while the test holds. */
export interface UptimeRule extends Tested {
  kind: 'uptime';
  op: Operator;
  seconds: number;
}

/** `if N restarts within M cycles then ACTION`: no rate and no else, as monit. */
export interface RestartsRule {
  kind: 'restarts';
  at: Position;
  count: number;
  cycles: number;
  then: Action;
}

export type Rule = PortRule | ProgramRule | ResourceRule | UptimeRule | RestartsRule;
export type TestedRule = Exclude<Rule, RestartsRule>;

/** One error: `file:line:column: expected …, got …`, with a note on what svtui refuses and why. */
export interface MonitorError {
  file: string;
  line: number;
  column: number;
  expected: string;
  got: string;
  note?: string;
}

export interface MonitorFile {
  rules: Rule[];
  /** `every N cycles`: the service's rules are evaluated on one cycle in N. */
  every?: { cycles: number; at: Position };
  errors: MonitorError[];
}

export interface TreeSettings {
  /** The cycle, in seconds (`set daemon N`). */
  cycleSeconds: number;
  /** `with start delay N`: seconds before the first cycle; 0 when not written. */
  startDelaySeconds: number;
  /** Whether `set daemon` was written (else cycleSeconds is DEFAULT_CYCLE_SECONDS). */
  written: boolean;
  /**
   * `set alert ADDRESS [with reminder on N cycles]`: who the hook is asked to tell (it gets the
   * address in SVTUI_ALERT_TO) and monit's reminder: a failure's alert again every N cycles.
   */
  alert?: { to: string; reminderCycles?: number };
}

export interface MonitrcFile {
  settings: TreeSettings;
  errors: MonitorError[];
}
