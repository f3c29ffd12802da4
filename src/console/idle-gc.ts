// Giving memory back after a burst. Every frame Ink draws leaves garbage (its output builder
// works per character), and V8 grows its young generation under that pressure and keeps the
// pages: 15 help toggles cost ~25 MB of resident memory that nothing ever used again. Node never
// tells V8 that it is idle, so V8's own memory reducer does not run; this does the same by hand:
// one full collection once the console has drawn nothing for `idleMs`. A timer per burst, not
// per frame; no work at all while idle.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleCollector {
  /** Something was drawn: collect once things are quiet again. */
  poke(): void;
  stop(): void;
}

export function idleCollector(idleMs = 2000): IdleCollector {
  let collect: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    collect = undefined; // A runtime without it: V8's own heuristics only.
  }
  let timer: NodeJS.Timeout | undefined;
  return {
    poke() {
      if (!collect) return;
      if (timer) timer.refresh();
      else {
        timer = setTimeout(() => {
          timer = undefined;
          collect?.();
        }, idleMs);
        timer.unref();
      }
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
