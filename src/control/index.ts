// The control protocol client: what svc, svstat and the console use to talk to a supervisor
// (svtui scan, daemontools supervise, runit runsv, s6-supervise) through supervise/{ok,status,
// control}; supervisor-kind.ts tells which one holds a directory (attach, never embed, on it).
export { probeSupervisor, type ProbeResult } from './probe.js';
export {
  probeSupervisorKind,
  probeSupervisorKinds,
  probeTreeOwner,
  describeOwner,
  type SupervisorKind,
  type SupervisorProbe,
  type TreeOwner,
} from './supervisor-kind.js';
export {
  readStatusFile,
  readStatusBytes,
  type StatusRead,
  type StatusFileFailure,
} from './status-file.js';
export { sendControl, controlWarning, type ControlResult, type ControlStage } from './send.js';
export { formatSvstatLine, describeStatus, type SvstatObservation } from './svstat-line.js';
export { observeForSvstat } from './svstat-observe.js';
export { parseSvcArgs, SVC_LETTERS, SVC_USAGE, type SvcArgs } from './svc-options.js';
export { chdirError, inService } from './service-dir.js';
