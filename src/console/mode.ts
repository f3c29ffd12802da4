// Attach or embed: when any service in the tree (or its log service) has a supervisor holding
// supervise/ok, someone owns the tree and the console attaches; otherwise it hosts the supervisor.
import { join } from 'node:path';
import { isSupervised, type ServiceEntry } from './tree.js';

export type Mode = 'attached' | 'embedded';

export function detectMode(entries: readonly ServiceEntry[]): Mode {
  const owned = entries.some((e) => isSupervised(e.dir) || isSupervised(join(e.dir, 'log')));
  return owned ? 'attached' : 'embedded';
}
