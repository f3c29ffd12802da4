// When whoever draws the console (the first frame, then Ink) is told to draw again. A key's frame
// is drawn at once; a change nobody typed (the tree, a log, a clock) at once after a quiet spell,
// else paced: a log at 1000 lines a second is drawn 15 times a second, not 50. A screen that
// draws the same as the one last handed out (figures of rows off screen changed, a sweep found
// nothing new) is not handed out again: the same object, and no one is woken.
import { performance } from 'node:perf_hooks';
import { sameScreen, type Screen } from '../screen/screen.js';

type Listener = () => void;

/** How long a frame waits for a slow answer (a remote source) before it is drawn without it. */
const SETTLE_GRACE_MS = 30;

export interface FramePorts {
  /** The screen now (built again if something changed). */
  screen(): Screen;
  /** A key is being handled: its own frame comes at its end. */
  held(): boolean;
  /** The least time between two frames nobody typed; 0: no pacing. */
  paceMs: number;
}

export class Frames {
  private readonly listeners = new Set<Listener>();
  private lastFrame = -Infinity;
  private paced: NodeJS.Timeout | undefined;
  /** The screen last handed out. */
  private shown: Screen | undefined;

  constructor(private readonly ports: FramePorts) {}

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The screen to hand out for a new build: the one last handed out if it draws the same. */
  handOut(built: Screen): Screen {
    if (this.shown && sameScreen(this.shown, built)) return this.shown;
    this.shown = built;
    return built;
  }

  /** Tell the drawers now, unless the screen is the same as the one they have. */
  now(): void {
    if (this.paced) clearTimeout(this.paced);
    this.paced = undefined;
    const before = this.shown;
    if (before && this.ports.screen() === before) return;
    this.lastFrame = performance.now();
    for (const listener of [...this.listeners]) listener();
  }

  /** A frame for a change nobody typed: at once after a quiet spell, else paced. */
  soon(): void {
    if (this.paced || this.ports.held()) return;
    const wait = this.lastFrame + this.ports.paceMs - performance.now();
    if (wait <= 0) return this.now();
    this.paced = setTimeout(() => this.now(), wait);
  }

  stop(): void {
    if (this.paced) clearTimeout(this.paced);
  }
}

/**
 * One frame with what `settled` brings (a service's log, the service view's facts), unless it is
 * slow to come (a remote source): then `draw` runs at once, and again when it arrives.
 */
export function drawWhenSettled(settled: Promise<unknown>, draw: () => void): void {
  const late = setTimeout(draw, SETTLE_GRACE_MS);
  void settled.then(() => {
    clearTimeout(late);
    draw();
  });
}
