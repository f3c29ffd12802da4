// Colours by meaning. With NO_COLOR every colour is dropped (bold and inverse stay: they are not
// colour, and the selected row must still show).
import type { HealthCode } from '../source/port.js';
import type { Freshness, StateCell } from './format.js';

export type Colour = 'green' | 'red' | 'yellow' | 'gray' | 'cyan' | 'magenta' | 'blue' | undefined;

export interface Palette {
  state(word: StateCell, wantUp: boolean): Colour;
  fresh(f: Freshness): Colour;
  health(code: HealthCode): Colour;
  /** The colour of the merged log's `index`th service (its place in the merge: stable). */
  service(index: number): Colour;
  accent: Colour;
  dim: Colour;
  warn: Colour;
}

export function makePalette(noColor: boolean): Palette {
  if (noColor) {
    return {
      state: () => undefined,
      fresh: () => undefined,
      health: () => undefined,
      service: () => undefined,
      accent: undefined,
      dim: undefined,
      warn: undefined,
    };
  }
  return {
    state(word, wantUp) {
      switch (word) {
        case 'up':
          return 'green';
        case 'down':
          return wantUp ? 'red' : 'gray';
        case 'paused':
        case 'finish':
        case 'not ready':
          return 'yellow';
        case 'error':
        case 'crash loop':
        case 'ignores TERM':
          return 'red';
        default:
          return 'gray';
      }
    },
    fresh: (f) => (f === 'new' ? 'red' : f === 'recent' ? 'yellow' : undefined),
    health: (code) =>
      code === 'ok'
        ? 'green'
        : code === 'failing'
          ? 'red'
          : code === 'no-rules'
            ? 'gray'
            : 'yellow',
    service: (index) => SERVICE_COLOURS[Math.abs(index) % SERVICE_COLOURS.length],
    accent: 'cyan',
    dim: 'gray',
    warn: 'yellow',
  };
}

/** Colours that mean nothing else on screen (red and yellow warn, gray dims). */
const SERVICE_COLOURS: readonly Colour[] = ['cyan', 'green', 'magenta', 'blue'];
