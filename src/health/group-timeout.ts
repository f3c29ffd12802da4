// A child run in its own process group (execa `detached`), awaited at most `timeoutMs`: then the
// whole group gets SIGKILL — a check or hook that forked a `sleep` must not leave it behind — and
// the wait ends at once, even if a process that left the group still holds an output pipe open.
// One helper for the program probe and for hooks and `exec` actions.

export async function settleOrKill<T>(
  child: Promise<T> & { pid?: number | undefined },
  timeoutMs: number,
): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      killGroup(child.pid);
      resolve('timeout');
    }, timeoutMs);
  });
  const outcome = await Promise.race([child, timedOut]);
  clearTimeout(timer);
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
