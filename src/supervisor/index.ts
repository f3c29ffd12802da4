// The supervisor library: `svtui scan` and the console's embedded mode both call startSupervisor.
// It takes the same locks and writes the same files as `svtui scan`, so status and control work
// exactly as when the console attaches to a separate supervisor.

export interface SupervisorOptions {
  /** The service tree (svscan's DIR). */
  dir: string;
  /** Diagnostic lines (no trailing newline); default: process.stderr. */
  stderr?: (line: string) => void;
}

export interface Supervisor {
  /** Stop every service, then every logger (like SIGTERM to `svtui scan`); resolves when all are gone. */
  stop(): Promise<void>;
  /** Called with the service name (`NAME` or `NAME/log`) whenever its state changes. */
  onChange(listener: (serviceName: string) => void): () => void;
}

/** Supervise every service in `options.dir`; throws a one-line Error when the tree is owned. */
export async function startSupervisor(options: SupervisorOptions): Promise<Supervisor> {
  throw new Error(`svtui scan: not implemented yet (${options.dir})`);
}
