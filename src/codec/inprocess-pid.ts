// The pid `svtui scan` records in supervise/status for its in-process logger, which has no process
// of its own. runsv records svlogd's pid, and a `kill -9` of it ends only the logger; the
// supervisor's own pid there would let the same command end every service's supervision. pid 0
// is no answer: daemontools' svstat prints `down` for it. So the status holds the largest pid_t,
// which Linux never hands out (pid_max is at most 2^22): svstat prints `up (pid 2147483647)`,
// runit's sv `run: ... (pid 2147483647)`, and `kill -9 2147483647` fails with "No such process".
// Signals reach the logger as letters on supervise/control (svc -a rotates, -t and -d stop it).

/** 2^31 - 1: positive as a pid_t (no process group, not -1), above every pid Linux can give. */
export const IN_PROCESS_PID = 0x7fffffff;

/** Whether a status pid is the mark of an in-process logger rather than a process. */
export function isInProcessPid(pid: number): boolean {
  return pid === IN_PROCESS_PID;
}
