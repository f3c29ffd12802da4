// Drawing the screen model: one <Text> per line, holding the line's own terminal bytes
// (screen/ansi.ts, the same bytes as the first frame). One Ink node per row instead of one per
// styled span: Ink lays out, squashes and colours every node of every frame, so a followed log
// scrolling 15 times a second paid that for ~150 nodes. A line that did not change is not
// re-rendered (its spans are compared, not its identity).
import { Text } from 'ink';
import { memo } from 'react';
import { lineToAnsi } from '../screen/ansi.js';
import type { Line } from '../screen/spans.js';

export const Row = memo(
  function Row({ line }: { line: Line }) {
    return <Text wrap="truncate">{line.length === 0 ? ' ' : lineToAnsi(line)}</Text>;
  },
  (a, b) => sameLine(a.line, b.line),
);

/** Lines keyed by `keys` where given (service ids for table rows), else by position. */
export function Lines({ lines, keys }: { lines: readonly Line[]; keys?: readonly string[] }) {
  return (
    <>
      {lines.map((line, i) => (
        <Row key={keys?.[i] ?? `#${i}`} line={line} />
      ))}
    </>
  );
}

function sameLine(a: Line, b: Line): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.text !== y.text || x.color !== y.color || x.bold !== y.bold || x.inverse !== y.inverse)
      return false;
  }
  return true;
}
