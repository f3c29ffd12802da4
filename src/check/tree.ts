// What `svtui check` knows about a service tree: a plain description gathered by tree-reader.ts,
// so that every rule in rules.ts is a pure function of it.
import type { SettingFile } from '../codec/service-files.js';

/** One path inside the tree, symlinks followed (a symlink to nowhere is `dangling`). */
export type FileInfo =
  | { type: 'missing' }
  | { type: 'dangling'; target: string }
  | {
      type: 'directory';
      /** Its permission bits (mode & 0o7777), when read. */
      mode?: number;
    }
  | { type: 'other' }
  | { type: 'error'; code: string }
  | {
      type: 'file';
      /** Any execute bit: supervise runs as root, which may execute a file with any x bit. */
      executable: boolean;
      /** The first bytes (latin1), enough for a `#!` line or a short log/run. */
      head: string;
      /** `head` is not the whole file. */
      truncated?: boolean;
      /** Its permission bits (mode & 0o7777), when read. */
      mode?: number;
      /** For a `#!` script: its interpreter and whether it can be executed. */
      interpreter?: { path: string; executable: boolean };
    };

export interface ServiceFiles {
  run: FileInfo;
  down: FileInfo;
  supervise: FileInfo;
  /** runit's and s6's ./finish, runit's ./check; absent: not read. */
  finish?: FileInfo;
  check?: FileInfo;
  /** The text of each of s6's one-value files that is a regular file (its first bytes). */
  settings?: Partial<Record<SettingFile, string>>;
}

export interface ServiceEntry {
  name: string;
  /** The entry itself. */
  entry: FileInfo;
  /** Present when the entry is a directory. */
  service?: ServiceFiles & {
    log: FileInfo;
    logFiles?: ServiceFiles;
    /** For a multilog log/run: each parent directory its script needs, keyed as written. */
    logParents?: Record<string, FileInfo>;
    /** The text of SERVICE/monitor (its rules), when it is a regular file. */
    monitor?: string;
  };
}

export interface Tree {
  /** DIR as the user gave it: every finding names its path under it. */
  dir: string;
  /** DIR/run, which hints that DIR is one service rather than a tree of them. */
  ownRun: FileInfo;
  /** DIR's permission bits, when read. */
  mode?: number;
  entries: ServiceEntry[];
  /**
   * Whether an executable `svtui` is in a directory of PATH as `svtui check` got it: the PATH a
   * supervisor started from the same environment passes to its services (svscan, runsvdir and
   * svtui scan pass their own on unchanged). Absent: not looked up.
   */
  svtuiOnPath?: boolean;
  /** The text of DIR/.svtui/monitrc, when it is a regular file. */
  monitrc?: string;
  /** The text of DIR/.svtui/logview (the log tool's error and warning words), likewise. */
  logview?: string;
  /** DIR/.svtui/alert, the alert hook, when read. */
  alert?: FileInfo;
}

/** A problem breaks or endangers the tree (exit 1); a warning is worth a look (exit 0). */
export type Severity = 'problem' | 'warning';

export interface Finding {
  path: string;
  /** The line of `path` it is about, from 1. */
  line?: number;
  /** The column of that line, from 1 (only with `line`). */
  column?: number;
  message: string;
  /** Absent: a problem. */
  severity?: Severity;
}
