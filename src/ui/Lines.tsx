// Drawing the screen model: one Ink node per row, holding the line's own terminal bytes
// (screen/ansi.ts, the same bytes as the first frame). A line that did not change is not
// re-rendered (its spans are compared, not its identity).
//
// Each row is a <Transform> around a one-column stand-in: Ink measures and sanitises the text a
// node holds on every frame (string-width over every row, the slow path for any `·`, `─` or `…`),
// then hands it to the transform. The screen model has already cut every line to the terminal's
// width and made it safe, so Ink has nothing to measure; the transform writes the line. While
// the terminal is narrower than the model's lines (a resize, before the model is rebuilt for it)
// the line is cut here, so no row wraps.
import { Transform, useStdout } from 'ink';
import { memo } from 'react';
import { lineToAnsi } from '../screen/ansi.js';
import { cutLine, sameLine, type Line } from '../screen/spans.js';

export const Row = memo(
  function Row({ line, width }: { line: Line; width: number }) {
    const { stdout } = useStdout();
    const bytes = lineToAnsi(line);
    const draw = () => {
      const columns = stdout.columns || width;
      return columns < width ? lineToAnsi(cutLine(line, columns)) : bytes;
    };
    return <Transform transform={draw}> </Transform>;
  },
  (a, b) => a.width === b.width && sameLine(a.line, b.line),
);

/** Lines keyed by their place on screen (see App.tsx). */
export function Lines({ lines, width }: { lines: readonly Line[]; width: number }) {
  return (
    <>
      {lines.map((line, i) => (
        <Row key={i} line={line} width={width} />
      ))}
    </>
  );
}
