// The normalised state of a supervised service, whichever supervisor's status file it came from
// (daemontools, runit, s6): what svstat prints and the console shows. Pure types.
import type { Tai64nTime } from './tai64n.js';

/** byte 17: what the supervisor wants. `once` is daemontools' 0 byte (runit stores 'd'). */
export type Want = 'up' | 'down' | 'once';
/** byte 19 (runit): 0 down, 1 run, 2 finish. */
export type RunState = 'down' | 'run' | 'finish';

export interface ServiceStatus {
  /** The last pid change (start or death). */
  since: Tai64nTime;
  /** 0 when down. */
  pid: number;
  paused: boolean;
  want: Want;
  /** runit: TERM was sent and the process has not died yet. */
  gotTerm: boolean;
  state: RunState;
}
