// A child run in its own process group (execa `detached`), awaited at most `timeoutMs`: then the
// whole group gets SIGKILL — a check or hook that forked a `sleep` must not leave it behind — and
// the wait ends at once, even if a process that left the group still holds an output pipe open.
// One helper for the program probe and for hooks and `exec` actions. A ChildGroups given to it
// knows every group still running, so whoever stops the engine can end them: detached children
// are not killed with their parent, and a monitor that exits must leave no check behind.

/** The process groups of the checks and hooks running now, killed together at a stop. */
export class ChildGroups {
  private readonly pids = new Set<number>();

  add(pid: number | undefined): void {
    if (pid !== undefined) this.pids.add(pid);
  }

  delete(pid: number | undefined): void {
    if (pid !== undefined) this.pids.delete(pid);
  }

  get size(): number {
    return this.pids.size;
  }

  /** SIGKILL every group still running. */
  killAll(): void {
    for (const pid of this.pids) killGroup(pid);
    this.pids.clear();
  }
}

export async function settleOrKill<T>(
  child: Promise<T> & { pid?: number | undefined },
  timeoutMs: number,
  groups?: ChildGroups,
): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  groups?.add(child.pid);
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      killGroup(child.pid);
      resolve('timeout');
    }, timeoutMs);
  });
  const outcome = await Promise.race([child, timedOut]);
  clearTimeout(timer);
  groups?.delete(child.pid);
  if (outcome === 'timeout') child.catch(() => undefined);
  return outcome;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* the group is gone already */
  }
}
