// svtui's monitor rules, pure: text in, typed rules and positioned errors out; rule state and an
// observation in, the next state and actions out. No file system, no clock, no processes.
//
//   lexer.ts          monit's lexical rules (l.l): case-blind keywords, filler words, strings
//   cursor.ts         tokens → Failure(position, expected, got, note); formatError
//   values.ts         operators, `for N cycles` / `N times within M cycles`, actions, `else`
//   probes.ts         `failed [host] port …` and svtui's `failed program "…"`
//   parse-monitor.ts  a service's `monitor` file: `if …` and `every N cycles` statements
//   parse-monitrc.ts  `.svtui/monitrc`: `set daemon N [with start delay N]`
//   step.ts           one rule's evaluation per cycle: window, grace, reset on start, repeat
//
// The grammar is a strict subset of monit 5.33's inside `check process` (test/monitor's
// differential test runs `monit -t` on every line), plus `failed program`, svtui's own; the
// rest is refused with file:line:column. The engine (timers, probes, /proc) lives elsewhere.
export { formatError } from './cursor.js';
export { parseMonitor } from './parse-monitor.js';
export { DEFAULT_CYCLE_SECONDS, DEFAULT_SETTINGS, parseMonitrc } from './parse-monitrc.js';
export { PORT_DEFAULTS, PROGRAM_TIMEOUT_SECONDS } from './probes.js';
export {
  carryOver,
  compare,
  due,
  inGrace,
  initialState,
  ruleKey,
  step,
  verdict,
  type Cycle,
  type Observation,
  type RuleState,
  type Step,
} from './step.js';
export type * from './types.js';
