// Drawing the screen model: one <Text> per line, a nested <Text> only for a styled span. A line
// that did not change is not re-rendered (its spans are compared, not its identity).
import { Text } from 'ink';
import { memo } from 'react';
import type { Line } from '../screen/spans.js';

export const Row = memo(
  function Row({ line }: { line: Line }) {
    if (line.length === 0) return <Text> </Text>;
    return (
      <Text wrap="truncate">
        {line.map((s, i) =>
          s.color || s.bold || s.inverse ? (
            <Text
              key={i}
              {...(s.color ? { color: s.color } : {})}
              bold={s.bold ?? false}
              inverse={s.inverse ?? false}
            >
              {s.text}
            </Text>
          ) : (
            s.text
          ),
        )}
      </Text>
    );
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
