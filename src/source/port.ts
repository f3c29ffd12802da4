// The console's one data source (DESIGN "The console's house"): everything the console knows of a
// service tree comes through a TreeSource, and every action goes back through it. The local
// implementation (source/local/) reads the file system; the embedded one also hears the in-process
// supervisor; a remote one (an agent over SSH) will speak JSON lines. So the port is asynchronous,
// shares no paths (a log is opened by service id, its title is relative to the tree), and keys
// every service by an id that can carry a host.
import type { ServiceStatus } from '../codec/status.js';
import type { ControlLetter } from '../codec/letters.js';

/** A stable key for a service: the same service keeps it across re-listings (and, later, hosts). */
export type ServiceId = string & { readonly __serviceId: unique symbol };

export interface ServiceEntry {
  id: ServiceId;
  /** The directory's name, shown in the table (may hold any byte but `/`). */
  name: string;
  /** Its directory left the tree while it ran; its supervisor still runs it. */
  removed?: boolean;
}

/** A fact carries a machine-readable code beside its words: decisions use the code. */
export interface Fact<Code extends string = string> {
  code: Code;
  text: string;
}

/**
 * Why a status could not be read: an errno code (`ENOENT`, `EACCES`…) for open/read failures,
 * `bad-format` for a file of a length no supervisor writes.
 */
export type StatusProblem = Fact & { stage: 'open' | 'read' | 'format' };

/** What svtui's restart record says, when the supervisor is svtui. */
export interface HistoryFacts {
  starts: number;
  lastExit?: string;
  lastExitMs?: number;
  /** When the recent exits happened (ms, oldest first): crash loops. */
  recentExitsMs?: readonly number[];
  /** Why the supervisor cannot start it now ("unable to start run: file does not exist"). */
  problem?: string;
}

/** One reading of a service directory. */
export interface Observation {
  /** A supervisor holds supervise/ok. */
  supervised: boolean;
  /** supervise/ok exists but this user may not open it: whether it runs cannot be told. */
  noAccess?: boolean;
  /** The status could not be read (worded as svstat words it). */
  problem?: StatusProblem;
  status?: ServiceStatus;
  /** No `down` file. */
  normallyUp: boolean;
  /** When the status's pid last changed, ms since the epoch. */
  sinceMs?: number;
  history?: HistoryFacts;
  /** Which supervisor wrote the status, when it says (s6 keeps its own layout). */
  supervisor?: 's6';
  /** s6: up and the daemon said it is ready (absent where no supervisor tracks readiness). */
  ready?: boolean;
  /** s6: how ./run last ended, when down. */
  lastExit?: string;
}

/** The log service under `log/`, when there is one. */
export interface LogServiceFacts {
  supervised: boolean;
  noAccess?: boolean;
  up: boolean;
  pid: number;
}

export interface ServiceFacts {
  observation: Observation;
  /** Absent: the service has no log/ service. */
  log?: LogServiceFacts;
  /** The log service's own reading, for the outcome of an action on it. */
  logObservation?: Observation;
}

/**
 * What a service's processes use now: its whole tree (the session ./run leads, or the main
 * process and its descendants where the run is not a session leader, as under daemontools'
 * supervise), the figures top and ps show.
 */
export interface ResourceFacts {
  /** The main pid these figures describe. */
  pid: number;
  /**
   * CPU in % of one core over the last interval, as top shows it: 250 is two and a half cores
   * busy. Absent on the first look at a process (a rate needs two readings).
   */
  cpuPercent?: number;
  /** Resident memory (RSS) of the tree, KB. */
  rssKB: number;
  /** Processes of the tree, the main one included, and their threads. */
  processes: number;
  threads: number;
  /**
   * `history`: the supervisor's own sample (supervise/svtui-resources, kept by svtui scan or
   * `svtui monitor`); `proc`: sampled by this viewer from /proc, read-only, where nobody keeps one.
   */
  from: 'history' | 'proc';
}

/** One service's figures in a sweep; `resources` absent: none of its processes was found. */
export interface ResourceSample {
  id: ServiceId;
  resources?: ResourceFacts;
}

/**
 * A service's health as its `monitor` rules judge it:
 * `ok` — every rule with a verdict passed; `failing` — some rule failed (text `failing 2/3`);
 * `not-ready` — rules in force but no verdict since the last start (the grace after a start,
 * until the service is ready); `unmonitored` — a rule's `unmonitor` action stopped the checks
 * (until the monitor file changes or the engine restarts); `no-rules` — no monitor file;
 * `not-run` — a monitor file, but no health engine runs it (no svtui scan or `svtui monitor` on
 * the tree: daemontools' svscan, runsvdir or s6-svscan alone).
 */
export type HealthCode = 'ok' | 'failing' | 'not-ready' | 'unmonitored' | 'no-rules' | 'not-run';

/** One rule of the monitor file as the health engine last judged it. */
export interface CheckFacts {
  /** The rule in words: `port localhost:8080 http /`, `cpu > 90%`. */
  check: string;
  kind: 'port' | 'program' | 'resource' | 'uptime' | 'restarts';
  /** Where the rule is written in `monitor`. */
  line: number;
  column: number;
  /** Failed once its `for N cycles` was met; pending before any verdict. */
  state: 'ok' | 'failed' | 'pending';
  /** The last cycle's verdict, when there is one. */
  last?: 'ok' | 'failed';
  /** The last probe's response time recorded in the events (port and program checks), ms. */
  responseMs?: number;
}

/** An alert the health engine raised (an `alert` event of supervise/svtui-events). */
export interface AlertFacts {
  atMs: number;
  /** The service's name as the engine wrote it. */
  service: string;
  /** What happened, one line ("http://localhost:8080/: status 503, expected 200"). */
  text: string;
}

export interface HealthFacts extends Fact<HealthCode> {
  /** Rules in force, and how many of them have failed. */
  rules: number;
  failing: number;
  checks: readonly CheckFacts[];
  /** The service's newest alert, if it ever had one. */
  lastAlert?: AlertFacts;
}

/** One sample of a service's resource history (the supervisor's, every 2 s), for charts. */
export interface HistoryPoint {
  /** Unix ms. */
  atMs: number;
  /** Down at that moment (no process to measure). */
  down?: boolean;
  /** % of one core, top-style; absent where not known. */
  cpuPercent?: number;
  rssKB?: number;
  logLinesPerSecond?: number;
}

/** One event of the service's record (supervise/svtui-events), as the service view lists it. */
export interface ServiceEventFacts {
  atMs: number;
  kind:
    | 'start'
    | 'exit'
    | 'stop'
    | 'ready'
    | 'check-failed'
    | 'check-recovered'
    | 'action'
    | 'alert'
    | 'alert-suppressed'
    | 'rules-loaded'
    | 'rules-refused';
  /** One line, as the engine wrote it. */
  text: string;
  /** exit: the exit code, or the signal's name. */
  code?: number;
  signal?: string;
  pid?: number;
  /** action and alert: what was done (restart, stop, exec, alert…). */
  action?: string;
}

/** One rule of the service's `monitor` file: what it tests, what it does, how it last went. */
export interface RuleFacts extends CheckFacts {
  /** `for 3 cycles`, `2 times within 5 cycles`; absent for one cycle. */
  rate?: string;
  /** The action on failure: `restart`, `alert`, `exec "…"`. */
  then: string;
  /** A resource rule's figure (what its limit is on), for placing the limit beside its chart. */
  resource?: 'cpu' | 'totalcpu' | 'memory' | 'totalmemory' | 'children' | 'threads';
}

/** The rules in force, or why there are none. */
export interface RulesFacts {
  /** `rules`: the file parses; `broken`: it does not (the engine keeps the last good rules,
   * listed when known); `none`: no monitor file. */
  code: 'rules' | 'broken' | 'none';
  rules: readonly RuleFacts[];
  /** `file:line:column: …` of a broken file. */
  error?: string;
  /** The health engine's cycle, seconds. */
  cycleSeconds: number;
  /** An engine judges them (its saved state is fresh); else nothing runs the rules. */
  running: boolean;
}

/** Everything the service view shows of one service, read on request. */
export interface ServiceDetail {
  id: ServiceId;
  /** The resource history, oldest first, at `paceSeconds` apart (empty: none kept). */
  history: readonly HistoryPoint[];
  paceSeconds: number;
  /**
   * `supervisor`: its history (svtui scan or `svtui monitor` keeps the past hour); `console`: no
   * supervisor keeps one, so what this viewer sampled itself since it started (10 minutes at most).
   */
  historyFrom: 'supervisor' | 'console';
  /** The newest events, oldest first (at most a few hundred). */
  events: readonly ServiceEventFacts[];
  rules: RulesFacts;
}

export interface InterestOptions {
  /** Every service's figures are wanted at the fast pace (the table is sorted by one of them). */
  allFigures?: boolean;
}

export type Mode = 'attached' | 'embedded' | 'unsupervised';

/** What the viewer may do with the tree, decided once per source. */
export interface Access {
  mode: Mode;
  readOnly: boolean;
  /** Why read-only, as a code and words ("nothing supervises this tree"). */
  why?: Fact<'unsupervised' | 'no-permission'>;
}

export type TreeChange =
  | { kind: 'services'; entries: readonly ServiceEntry[] }
  | { kind: 'facts'; id: ServiceId; facts: ServiceFacts; atMs: number }
  /**
   * A resource sweep (every 2 s while watched): the services looked at this time — those on
   * screen, or all (see `setInterest`), and a share of the rest — each with its figures, or
   * without when it is down or nothing of it was found. A service left out keeps its figures.
   */
  | { kind: 'resources'; samples: readonly ResourceSample[]; atMs: number }
  /** A service's health changed (its rules' state, an unmonitor, a new alert). */
  | { kind: 'health'; id: ServiceId; health: HealthFacts; atMs: number }
  | { kind: 'note'; note: Fact };

export type ControlOutcome =
  | { ok: true }
  | { ok: false; /** errno-like: EACCES, ENXIO (no supervisor)… */ code: string; text: string };

export interface TreeSource {
  /** How the tree is shown in the title ("/service", or "host:/service" later). */
  readonly title: string;
  /** The services, sorted by name. */
  list(): Promise<readonly ServiceEntry[]>;
  /** Read one service now. */
  read(id: ServiceId): Promise<ServiceFacts | undefined>;
  access(): Promise<Access>;
  /**
   * Hear about changes: new and removed services, facts that changed, notes for the status line.
   * `interest` names the services on screen: they are read more often.
   */
  watch(listener: (change: TreeChange) => void): () => void;
  setInterest(ids: readonly ServiceId[], options?: InterestOptions): void;
  /** Send a letter to the service's supervisor, or to its log service's (`log/`). */
  control(
    id: ServiceId,
    letter: ControlLetter,
    target?: 'service' | 'log',
  ): Promise<ControlOutcome>;
  /**
   * The service view's facts: its resource history (the past hour, even when the console has
   * just started), its events and its rules with their last results.
   */
  detail(id: ServiceId): Promise<ServiceDetail | Fact<'unknown-service'>>;
  /** The service's log timeline, or why there is none. */
  openLog(id: ServiceId, rows: number): Promise<LogTimeline | Fact<LogAbsence>>;
  /**
   * One timeline of several services' logs merged by stamp, with their restarts as marker
   * lines (`window().origins` names each row's service); services without a log are left out.
   */
  openMergedLog(ids: readonly ServiceId[], rows: number): Promise<LogTimeline | Fact<LogAbsence>>;
  close(): Promise<void>;
}

export type LogAbsence = 'no-log-service' | 'unknown-service';

export type LogMove =
  | { kind: 'tail' }
  | { kind: 'top' }
  | { kind: 'page'; direction: -1 | 1 }
  | { kind: 'half'; direction: -1 | 1 }
  | { kind: 'line'; direction: -1 | 1 }
  /** The logger writes to several directories: show the next one. */
  | { kind: 'nextDirectory' };

/** Why a log window is empty or where it moved. */
export type LogNoteCode =
  'no-files' | 'unreadable' | 'no-permission' | 'missing-dir' | 'moved' | 'unknown-dir';

/** What the log pane shows of a timeline: raw lines (labels undecoded, bytes unsanitised). */
export interface LogWindowFacts {
  /** The log directory, relative to the tree ("alpha/log/main"). */
  title: string;
  lines: readonly string[];
  following: boolean;
  atTop: boolean;
  /** Rough place in the whole timeline, 0..1. */
  fraction: number;
  /** The logger writes to several directories: which one this is (0-based), of how many. */
  directory?: { index: number; count: number };
  note?: Fact<LogNoteCode>;
  /** The search under way or done, if any. */
  search?: LogSearchFacts;
  /** Per visible line: the spans of the search's hits, offsets into the raw line (end excluded). */
  hits?: readonly (readonly (readonly [number, number])[])[];
  /** Merged timeline: each row's service (for its prefix and colour) and whether it is a
   * restart marker. A single service's log tags only its marker rows. */
  origins?: readonly { service: string; marker?: boolean }[];
  /** The row of `lines` the last step landed on, while it is visible. */
  landed?: number;
  /** With filters on: how many lines they hide (counted in the background, then kept up to
   * date as lines are logged), and whether the count is complete. */
  hidden?: { lines: number; complete: boolean };
}

/** A search's state, for "hit X of Y" and the progress of the count. */
export interface LogSearchFacts {
  /** The query as typed. */
  query: string;
  /** The count is still running over the timeline. */
  running: boolean;
  /**
   * Hits (lines) counted so far; the whole timeline's once `running` is false, and from then on
   * kept up to date as lines are logged (a few times a second).
   */
  total: number;
  /** How much of the timeline the count has read, 0..1. */
  fraction: number;
  /** The number (1-based) of the hit the window is on, once the count has passed it. */
  current?: number;
  /** Esc stopped the count: `total` is a lower bound. */
  cancelled?: boolean;
}

/** A query as the operator typed it; `literal` takes the text as it is (less's ^R). */
export interface LogQueryInput {
  text: string;
  literal?: boolean;
}

/** One filter of the filtered view (see logview/search/filters.ts for the composition). */
export interface LogFilterInput extends LogQueryInput {
  /** Hide the lines that match; else show only lines matching one of the includes. */
  exclude: boolean;
  enabled: boolean;
}

/** Where a step (n/N, e/E, w/W, a jump) landed, or why it did not move. */
export type LogStepCode =
  'found' | 'none' | 'cancelled' | 'bad-query' | 'bad-time' | 'after-end' | 'no-search';

/** The kind of line e/E and w/W step to (patterns configurable by the source). */
export type LogLevel = 'error' | 'warning';

/**
 * One service's log: a window of lines that moves on request and follows new lines. Moves take
 * effect when `onChange` fires (at once for a local source), so a remote source fits.
 *
 * Searching (less's `/`, `n`, `N`): `search` checks the query and starts counting its hits over
 * the whole timeline in the background (`window().search` carries the count as it grows, and
 * `onChange` fires as it progresses); `step` moves the window to the next or previous hit from
 * the current hit (or from the window's first line); `cancelSearch` stops the count and any
 * step under way (Esc) and clears the highlights. Hits are lines whose MESSAGE matches — the
 * text after the stamp: a time is found with `jump`, not by searching digits. Queries follow
 * less: a regular expression, or a literal (`literal`, or no metacharacter at all); a leading
 * `!` finds the lines that do not match; smart case: all lowercase = any case.
 * `window().hits` gives, per visible line, the spans to highlight.
 */
export interface LogTimeline {
  window(): LogWindowFacts;
  move(move: LogMove): void;
  resize(rows: number): void;
  onChange(listener: () => void): () => void;
  close(): void;
  /** Start a search (replacing the one before); a bad pattern comes back as `bad-query`. */
  search(query: LogQueryInput): Promise<Fact<'found' | 'bad-query'>>;
  /** To the next (1) or previous (−1) hit of the search (n/N). */
  step(direction: 1 | -1): Promise<Fact<LogStepCode>>;
  /** To the next (1) or previous (−1) error or warning line (e/E, w/W). */
  stepLevel(level: LogLevel, direction: 1 | -1): Promise<Fact<LogStepCode>>;
  /** Stop the search: its count, any step under way, and its highlights. */
  cancelSearch(): void;
  /**
   * To the first line at or after a time typed by the operator (`2013-03-18 19:08:40`, `19:08`,
   * `-1h`, `-10m`, `yesterday 14:00`), read in `zone` (a TZ name, `right/` zones too; the
   * console's active zone). Found from the rotated files' names and a binary search on labels.
   */
  jump(when: string, zone: string): Promise<Fact<LogStepCode>>;
  /** Show only the lines the filters let through (all when the list is empty). */
  setFilters(filters: readonly LogFilterInput[]): Promise<Fact<'found' | 'bad-query'>>;
}
