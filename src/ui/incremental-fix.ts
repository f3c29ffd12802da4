// Ink 6.8's incremental renderer starts each frame with cursorUp(lines - 1) although the previous
// frame ended with a newline, one row lower: every frame lands one row down and scrolls the
// screen (seen in tmux; a 9-line app at 10 rows shows a stale line 2). Until Ink fixes it, this
// stdout proxy moves that first cursorUp one row further, and erases the line ends of the first
// frame. Only a frame's leading `ESC [ n A`
// (optionally after the synchronized-output opener) is touched; every other byte passes through.
const ESC = '\u001b';
const frameStart = new RegExp(`^(${ESC}\\[\\?2026h)?${ESC}\\[(\\d+)A(?=${ESC}\\[(?:G|1G|E))`);

export function fixIncrementalFrames(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  let first = true;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    let text = chunk;
    if (typeof chunk === 'string' && first && chunk.includes('\n')) {
      // Ink's first frame is written over the first frame the console drew without erasing each
      // line's end: a shorter line would leave the old line's tail. Erase it.
      first = false;
      text = chunk.replace(/\n/g, '\x1b[K\n');
    } else if (typeof chunk === 'string') {
      text = chunk.replace(
        frameStart,
        (_m, bsu: string | undefined, n: string) => `${bsu ?? ''}\x1b[${Number(n) + 1}A`,
      );
    }
    return (stdout.write as (...args: unknown[]) => boolean)(text, ...rest);
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
