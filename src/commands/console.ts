// `svtui [DIR] [--tz ZONE,...]`: the operator console (src/console/start.ts).
export { run } from '../console/start.js';
