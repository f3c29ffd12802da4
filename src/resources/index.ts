// Resources, measured for every service (DESIGN "Health and resources"): the public face of
// src/resources/ for the supervisor, `svtui monitor` and the console.
export { ResourceSampler, type SamplerOptions } from './sampler.js';
export {
  SAMPLE_MS,
  recordResources,
  type RecordedService,
  type RecorderOptions,
  type ResourceRecorder,
  type SampleListener,
} from './recorder.js';
export type { Figures, ServiceRef, ServiceResources, Units } from './figures.js';
export { toRecord, rollUp, type ServiceCounters } from './records.js';
export {
  RESOURCE_HISTORY_FILE,
  ResourceHistoryWriter,
  readResourceHistory,
  type ReadHistoryResult,
} from './history-file.js';
export {
  DEFAULT_RINGS,
  type DecodedHistory,
  type DecodedRing,
  type ResourceRecord,
  type RingLayout,
} from '../codec/resource-history.js';
