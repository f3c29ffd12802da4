// The stdout Ink writes its frames to, with two changes:
// - Ink 6.8's incremental renderer starts each frame with cursorUp(lines - 1) although the
//   previous frame ended with a newline, one row lower: every frame lands one row down and
//   scrolls the screen (seen in tmux; a 9-line app at 10 rows shows a stale line 2). Until Ink
//   fixes it, a frame's leading `ESC [ n A` (optionally after the synchronized-output opener)
//   moves one row further, and the line ends of the first frame are erased.
// - Ink writes a frame as three writes: the synchronized-output opener, the frame, the closer.
//   Each is a system call that wakes the terminal (tmux reads and parses each apart): they are
//   written as one.
// Every other byte passes through as it came.
const ESC = '\u001b';
const frameStart = new RegExp(`^(${ESC}\\[\\?2026h)?${ESC}\\[(\\d+)A(?=${ESC}\\[(?:G|1G|E))`);
const OPEN = `${ESC}[?2026h`;
const CLOSE = `${ESC}[?2026l`;

export function fixIncrementalFrames(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  let first = true;
  /** A frame being gathered: the opener came, the closer not yet. */
  let held: string | undefined;
  const out = (text: unknown, rest: unknown[]) =>
    (stdout.write as (...args: unknown[]) => boolean)(text, ...rest);
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk !== 'string') {
      if (held !== undefined) out(held, []);
      held = undefined;
      return out(chunk, rest);
    }
    let text = chunk;
    if (first && chunk.includes('\n')) {
      // Ink's first frame is written over the first frame the console drew without erasing each
      // line's end: a shorter line would leave the old line's tail. Erase it.
      first = false;
      text = chunk.replace(/\n/g, '\x1b[K\n');
    } else {
      text = chunk.replace(
        frameStart,
        (_m, bsu: string | undefined, n: string) => `${bsu ?? ''}\x1b[${Number(n) + 1}A`,
      );
    }
    if (text === OPEN && rest.length === 0) {
      held = (held ?? '') + text;
      return true;
    }
    if (held === undefined) return out(text, rest);
    const frame = held + text;
    if (text.endsWith(CLOSE) || rest.length > 0) {
      held = undefined;
      return out(frame, rest);
    }
    held = frame;
    return true;
  };
  return new Proxy(stdout, {
    get(target, property, receiver) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
