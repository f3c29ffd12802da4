// Ink 6.8's incremental renderer starts each frame with cursorUp(lines - 1) although the previous
// frame ended with a newline, one row lower: every frame lands one row down and scrolls the
// screen (seen in tmux; a 9-line app at 10 rows shows a stale line 2). Until Ink fixes it, this
// stdout proxy moves that first cursorUp one row further. Only a frame's leading `ESC [ n A`
// (optionally after the synchronized-output opener) is touched; every other byte passes through.
const ESC = '\u001b';
const frameStart = new RegExp(`^(${ESC}\\[\\?2026h)?${ESC}\\[(\\d+)A(?=${ESC}\\[(?:G|1G|E))`);

export function fixIncrementalFrames(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text =
      typeof chunk === 'string'
        ? chunk.replace(
            frameStart,
            (_m, bsu: string | undefined, n: string) => `${bsu ?? ''}\x1b[${Number(n) + 1}A`,
          )
        : chunk;
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
