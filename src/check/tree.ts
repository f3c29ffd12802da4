// What `svtui check` knows about a service tree: a plain description gathered by tree-reader.ts,
// so that every rule in rules.ts is a pure function of it.

/** One path inside the tree, symlinks followed (a symlink to nowhere is `dangling`). */
export type FileInfo =
  | { type: 'missing' }
  | { type: 'dangling'; target: string }
  | { type: 'directory' }
  | { type: 'other' }
  | { type: 'error'; code: string }
  | {
      type: 'file';
      /** Any execute bit: supervise runs as root, which may execute a file with any x bit. */
      executable: boolean;
      /** The first bytes (latin1), enough for a `#!` line or a short log/run. */
      head: string;
      /** For a `#!` script: its interpreter and whether it can be executed. */
      interpreter?: { path: string; executable: boolean };
    };

export interface ServiceFiles {
  run: FileInfo;
  down: FileInfo;
  supervise: FileInfo;
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
  };
}

export interface Tree {
  /** DIR as the user gave it: every finding names its path under it. */
  dir: string;
  /** DIR/run, which hints that DIR is one service rather than a tree of them. */
  ownRun: FileInfo;
  entries: ServiceEntry[];
}

export interface Finding {
  path: string;
  message: string;
}
