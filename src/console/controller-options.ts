// What the console's controller is given: the source and the stores it reads, the terminal's
// size, the clock, and what the composition root does for it (quit, repaint, suspend, clipboard).
import type { Access, TreeSource } from '../source/port.js';
import type { MessageStore } from '../store/message-store.js';
import type { ServiceStore } from '../store/service-store.js';
import type { Zone } from '../time/zone.js';
import type { SaveOutcome } from './log-tool-runner.js';

export interface ControllerOptions {
  source: TreeSource;
  services: ServiceStore;
  messages: MessageStore;
  access: Access;
  zones: readonly Zone[];
  noColor: boolean;
  now: () => number;
  size: { columns: number; rows: number };
  /** Re-render when a shown time changes by itself; 0 turns that off (tests). */
  tickMs?: number;
  /**
   * The least time between two frames that the tree or the log asked for (a key's frame is never
   * held back): a log at 1000 lines a second is drawn 15 times a second, not 50. 0: no pacing.
   */
  paceMs?: number;
  /** How often the open service view is read again (2 s, the history's pace; tests: less). */
  detailEveryMs?: number;
  onQuit(stopServices: boolean): void;
  /** Ctrl-L: paint the whole screen again. */
  onRedraw?(): void;
  /** Ctrl-Z: hand the terminal back and stop until `fg`. */
  onSuspend?(): void;
  /** The zone s6-log's local stamps are read in (the logging box's); the first zone if not told. */
  stampZone?: Zone;
  /** `y`: put text on the terminal's clipboard (OSC 52). */
  clipboard?(text: string): void;
  /** `Y`: write text to a file, over an existing one only when `overwrite`. */
  saveText?(path: string, text: string, overwrite: boolean): Promise<SaveOutcome>;
}
