// Attach or embed: when any service in the tree (or its log service) has a supervisor holding
// supervise/ok, someone owns the tree and the console attaches. When supervise/ok exists but
// this user may not open it (another user's supervisor, mode 0700), the tree is owned too: the
// console attaches read-only instead of trying to supervise it a second time.
import { join } from 'node:path';
import { openOkError } from '../../control/probe.js';
import { sendControl } from '../../control/send.js';
import { probeTreeOwner } from '../../control/supervisor-kind.js';
import type { Mode } from '../port.js';
import type { DirEntry } from './observe.js';

export interface ModeDecision {
  mode: Mode;
  /** Owned, but this user may not even open supervise/ok. */
  denied: boolean;
  /** A service whose supervisor answers (its control FIFO tells whether we may write). */
  owned?: DirEntry;
}

export function detectMode(
  root: string,
  entries: readonly DirEntry[],
  explicit = true,
): ModeDecision {
  let denied = false;
  for (const e of entries) {
    for (const dir of [e.dir, join(e.dir, 'log')]) {
      const code = supervisedCode(dir);
      if (code === undefined) return { mode: 'attached', denied: false, owned: e };
      if (code === 'EACCES' || code === 'EPERM') denied = true;
    }
  }
  // A running s6-svscan owns the tree even before it has started a single s6-supervise.
  const owner = probeTreeOwner(root);
  if (owner.running || owner.kind === 'unknown')
    return { mode: 'attached', denied: !owner.running };
  if (denied) return { mode: 'attached', denied };
  return { mode: explicit ? 'embedded' : 'unsupervised', denied };
}

/**
 * Undefined when a supervisor runs on `dir`, else the errno that says why not: supervise/ok opens
 * for writing (daemontools, runit, svtui), or — s6-supervise makes no ok FIFO — supervise/control
 * does, held open for reading by s6-supervise.
 */
function supervisedCode(dir: string): string | undefined {
  const code = openOkError(dir);
  if (code !== 'ENOENT') return code;
  const control = sendControl(dir, '');
  return control.ok ? undefined : control.code === 'ENXIO' ? 'ENXIO' : code;
}
