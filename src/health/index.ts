// svtui's health engine (issue 10): the rules of src/monitor run against real probes, each
// cycle, with events on disk and alerts through the tree's hook.
//
//   probe-result.ts   ProbeResult {ok, ms, kind, code, text}: what every probe returns, never throws
//   tcp-probe.ts      `port N`: a TCP connect with a timeout (node:net)
//   http-probe.ts     `protocol http`: GET, status and content tests, timeout, retry (node:http)
//   program-probe.ts  `program "…"`: execa in the service dir, process group killed on timeout
//   real-probes.ts    the Probes the engine uses outside tests; src/resources → Figures
//   cycle-figures.ts  the resource recorder's samples → a cycle's figures (CPU: their mean)
//   engine.ts         HealthEngine: cycles, concurrent probes, grace, restarts, intents, state
//   describe.ts       words for rules; monit's event names
//   event.ts          the events' JSON-lines schema: pure encode/decode
//   event-log.ts      supervise/svtui-events, rotated to .old past a size
//   state-file.ts     supervise/svtui-monitor.json: the engine's state across scanner restarts
//   alert-env.ts      SVTUI_* and MONIT_* for the alert hook and `exec` (pure)
//   run-command.ts    the alert hook and `exec`: execa, timeout, never awaited by the engine
//   attach.ts         the engine on a running supervisor: monitor files, timer, letters, files
export {
  attachHealth,
  type AttachedHealth,
  type ExitHow,
  type HealthHost,
  type HealthOptions,
} from './attach.js';
export { alertEnvironment, monitDate, type AlertContext } from './alert-env.js';
export { describeRule, monitEvent } from './describe.js';
export {
  HealthEngine,
  type EngineOptions,
  type Figures,
  type Intent,
  type LastProbe,
  type Probes,
  type Saved,
} from './engine.js';
export {
  EVENT_KINDS,
  decodeEvent,
  decodeEvents,
  encodeEvent,
  type Decoded,
  type EventKind,
  type HealthEvent,
} from './event.js';
export { DEFAULT_EVENTS_MAX_BYTES, EVENTS_FILE, EventLog } from './event-log.js';
export { MAX_CONTENT_BYTES, probeHttp } from './http-probe.js';
export { probeProgram, type ProgramOptions } from './program-probe.js';
export type { Clock, ProbeKind, ProbeResult } from './probe-result.js';
export { figuresOf, realProbes } from './real-probes.js';
export { HOOK_TIMEOUT_MS, runCommand, type CommandOutcome } from './run-command.js';
export { STATE_FILE, loadState, saveState } from './state-file.js';
export { probeTcp } from './tcp-probe.js';
