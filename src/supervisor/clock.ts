// The supervisor's clock is the one wall clock's millisecond reading (src/time/clock.ts).
export { wallClock } from '../time/clock.js';
