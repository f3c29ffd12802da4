// The console's Ink layer: a hook that reads the controller's screen and hands it keys and the
// terminal's size, and one small component per section of the screen model. Nothing is decided
// here: the same screen model drew the first frame.
//
// The body is one list of rows whether it holds the table and the log or an overlay, each row
// keyed by its place on screen: the terminal is a grid, and a row is a line of text with no state
// of its own. Opening help (`?`), a selection that gives the table the log's room, or a scroll
// re-render the rows whose text changed in place; keyed by service, they were unmounted and
// mounted again (Ink makes and frees a layout node for each: most of such a key's time).
import { Box } from 'ink';
import type { Screen } from '../screen/screen.js';
import type { Line } from '../screen/spans.js';
import { Lines, Row } from './Lines.js';
import { useConsole, type ConsolePort } from './use-console.js';

export function App({ console }: { console: ConsolePort }) {
  const screen = useConsole(console);
  const width = screen.columns;
  return (
    <Box flexDirection="column">
      <Header line={screen.header} width={width} />
      <Header line={screen.summary} width={width} />
      <Body body={screen.body} width={width} />
      <StatusLine line={screen.status} width={width} />
      <Hints line={screen.hints} width={width} />
    </Box>
  );
}

function Header({ line, width }: { line: Line; width: number }) {
  return <Row line={line} width={width} />;
}

function Body({ body, width }: { body: Screen['body']; width: number }) {
  const lines = body.kind === 'overlay' ? body.lines : [...body.table, ...body.log];
  return <Lines lines={lines} width={width} />;
}

function StatusLine({ line, width }: { line: Line; width: number }) {
  return <Row line={line} width={width} />;
}

function Hints({ line, width }: { line: Line; width: number }) {
  return <Row line={line} width={width} />;
}
