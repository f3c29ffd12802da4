// The console's Ink layer: a hook that reads the controller's screen and hands it keys and the
// terminal's size, and one small component per section of the screen model. Nothing is decided
// here: the same screen model drew the first frame.
import { Box } from 'ink';
import type { Screen } from '../screen/screen.js';
import type { Line } from '../screen/spans.js';
import { Lines, Row } from './Lines.js';
import { useConsole, type ConsolePort } from './use-console.js';

export function App({ console }: { console: ConsolePort }) {
  const screen = useConsole(console);
  return (
    <Box flexDirection="column">
      <Header line={screen.header} />
      <Header line={screen.summary} />
      <Body body={screen.body} />
      <StatusLine line={screen.status} />
      <Hints line={screen.hints} />
    </Box>
  );
}

function Header({ line }: { line: Line }) {
  return <Row line={line} />;
}

function Body({ body }: { body: Screen['body'] }) {
  if (body.kind === 'overlay') return <Overlay lines={body.lines} />;
  return (
    <>
      <Table lines={body.table} keys={body.tableKeys} />
      <LogPane lines={body.log} />
    </>
  );
}

function Table({ lines, keys }: { lines: readonly Line[]; keys: readonly string[] }) {
  return <Lines lines={lines} keys={keys} />;
}

function LogPane({ lines }: { lines: readonly Line[] }) {
  return <Lines lines={lines} />;
}

function Overlay({ lines }: { lines: readonly Line[] }) {
  return <Lines lines={lines} />;
}

function StatusLine({ line }: { line: Line }) {
  return <Row line={line} />;
}

function Hints({ line }: { line: Line }) {
  return <Row line={line} />;
}
