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
  setInterest(ids: readonly ServiceId[]): void;
  /** Send a letter to the service's supervisor, or to its log service's (`log/`). */
  control(
    id: ServiceId,
    letter: ControlLetter,
    target?: 'service' | 'log',
  ): Promise<ControlOutcome>;
  /** The service's log timeline, or why there is none. */
  openLog(id: ServiceId, rows: number): Promise<LogTimeline | Fact<LogAbsence>>;
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
}

/**
 * One service's log: a window of lines that moves on request and follows new lines. Moves take
 * effect when `onChange` fires (at once for a local source), so a remote source fits.
 */
export interface LogTimeline {
  window(): LogWindowFacts;
  move(move: LogMove): void;
  resize(rows: number): void;
  onChange(listener: () => void): () => void;
  close(): void;
}
