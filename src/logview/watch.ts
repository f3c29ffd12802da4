// Tell the view when a log directory may have changed: fs.watch on the directory (inotify
// reports new, renamed, deleted and written files inside it, so a new line is seen within a
// millisecond or two) plus a cheap stat poll as a fallback for file systems where watching is
// silent, for a directory that does not exist yet, and for one replaced by a new directory
// (the watch is then set up again). While the watch is set, the poll only looks for such a
// replacement, once a second; without it, every `pollMs`. Nothing here keeps the process alive.
import { statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export function watchLogDir(dir: string, changed: () => void, pollMs: number): () => void {
  let watcher: FSWatcher | undefined;
  let watchedIno: number | undefined;
  const stopWatching = () => {
    watcher?.close();
    watcher = undefined;
  };
  const startWatching = () => {
    const ino = identity(dir);
    if (watcher && ino === watchedIno) return;
    stopWatching();
    if (ino === undefined) return;
    try {
      watcher = watch(dir, { persistent: false }, () => changed());
      watcher.on('error', stopWatching); // the directory went away: the poll takes over
      watchedIno = ino;
    } catch {
      watcher = undefined;
    }
  };
  startWatching();
  let last = signature(dir);
  let timer: NodeJS.Timeout | undefined;
  const poll = () => {
    const now = signature(dir);
    if (now !== last) {
      last = now;
      startWatching();
      changed();
    }
    timer = setTimeout(poll, watcher ? WATCHED_POLL_MS : pollMs);
    timer.unref();
  };
  timer = setTimeout(poll, watcher ? WATCHED_POLL_MS : pollMs);
  timer.unref();
  return () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    stopWatching();
  };
}

/** The poll's pace while inotify watches the directory: it only catches a replaced directory. */
const WATCHED_POLL_MS = 1000;

/** The stat poll alone (what is left where fs.watch is silent). */
export function pollLogDir(dir: string, changed: () => void, pollMs: number): () => void {
  let last = signature(dir);
  const poll = setInterval(() => {
    const now = signature(dir);
    if (now === last) return;
    last = now;
    changed();
  }, pollMs);
  poll.unref();
  return () => clearInterval(poll);
}

function identity(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

/** What the poll compares: the directory's and `current`'s identity, size and times. */
function signature(dir: string): string {
  const parts: string[] = [];
  for (const path of [dir, join(dir, 'current')]) {
    try {
      const st = statSync(path);
      parts.push(`${st.ino}:${st.size}:${st.mtimeMs}`);
    } catch {
      parts.push('-');
    }
  }
  return parts.join('|');
}
