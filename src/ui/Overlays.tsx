// The overlays drawn in place of the table and log: help, the svc letter menu, y/n questions.
import { Box, Text } from 'ink';
import { controlLetters, letterInfo } from '../store/letters.js';
import type { Overlay } from '../store/ui-state.js';
import { fit } from './format.js';
import { keyHelp } from './keymap.js';
import type { Palette } from './palette.js';

interface OverlayProps {
  overlay: Overlay;
  selected: string | undefined;
  width: number;
  height: number;
  palette: Palette;
}

export function OverlayView({ overlay, selected, width, height, palette }: OverlayProps) {
  switch (overlay.kind) {
    case 'help':
      return <Help width={width} height={height} palette={palette} />;
    case 'menu':
      return (
        <Menu
          index={overlay.index}
          service={selected ?? ''}
          width={width}
          height={height}
          palette={palette}
        />
      );
    case 'confirm': {
      const info = letterInfo(overlay.letter);
      return (
        <Question height={height} width={width} palette={palette} ask="y/n">
          {`${overlay.service}: ${info.name} (svc -${info.letter}: ${info.does})?`}
        </Question>
      );
    }
    case 'quit':
      return (
        <Question height={height} width={width} palette={palette}>
          {width >= 78
            ? 'Stop every service and quit? y/n (n/Esc stays; svtui scan DIR runs them alone)'
            : 'Stop every service and quit? y/n'}
        </Question>
      );
    case 'none':
      return null;
  }
}

function Help({ width, height, palette }: { width: number; height: number; palette: Palette }) {
  const twoColumns = width >= 80 && keyHelp.length + controlLetters.length + 3 > height;
  const half = twoColumns ? Math.floor((width - 1) / 2) : width;
  // Every line fits its column (39 at 80×24): key 9 + 1 + 29; letter and its mark 2 + 1, the
  // name 9 + 1, a 26-column brief. The `*` sits by the letter, so it lines up for every name.
  const closing = 'Esc or ? closes this help.';
  const keys = [
    'Keys',
    ...keyHelp.map(([k, what]) => `${k.padEnd(9)} ${what}`),
    '',
    'Embedded, svtui is the supervisor;',
    'svtui scan DIR runs services alone.',
    ...(twoColumns ? ['', closing] : []),
  ].map((l) => fit(l, half));
  const letters = [
    'svc letters (Enter; * asks y/n)',
    ...controlLetters.map(
      (l) =>
        `${l.letter}${l.asks ? '*' : ' '} ${l.name.padEnd(9)} ${twoColumns && half < 60 ? l.brief : l.does}`,
    ),
    ...(twoColumns ? [] : ['', closing]),
  ].map((l) => fit(l, half));
  const line = (l: string, i: number, all: string[]) => (
    <Text
      key={i}
      bold={i === 0}
      color={
        i === 0
          ? palette.accent
          : i === all.length - 1 && l.startsWith('Esc or ?')
            ? palette.dim
            : undefined
      }
      wrap="truncate"
    >
      {l}
    </Text>
  );
  return (
    <Box flexDirection={twoColumns ? 'row' : 'column'} height={height}>
      <Box flexDirection="column" width={half}>
        {keys.map(line)}
        {twoColumns ? null : <Text> </Text>}
      </Box>
      <Box flexDirection="column" width={half} marginLeft={twoColumns ? 1 : 0}>
        {letters.map(line)}
      </Box>
    </Box>
  );
}

function Menu(props: {
  index: number;
  service: string;
  width: number;
  height: number;
  palette: Palette;
}) {
  const { index, service, width, height, palette } = props;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={palette.accent} wrap="truncate">
        {fit(`svc on ${service}: Enter or the letter sends it (* asks y/n); Esc closes`, width)}
      </Text>
      {controlLetters.map((l, i) => (
        <Text key={l.letter} inverse={i === index} wrap="truncate">
          {fit(`  ${l.letter}  ${l.name.padEnd(10)}${l.asks ? '*' : ' '} ${l.does}`, width)}
        </Text>
      ))}
    </Box>
  );
}

/**
 * A y/n question on the status line: always one line (a wrapped question would push the panes
 * about), the answer keys kept on screen however narrow the terminal.
 */
function Question({
  children,
  height,
  width,
  ask,
  palette,
}: {
  children: string;
  height: number;
  width: number;
  ask?: string;
  palette: Palette;
}) {
  const text = ask
    ? `${fit(children, Math.max(1, width - ask.length - 1)).trimEnd()} ${ask}`
    : children;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={palette.warn} wrap="truncate">
        {fit(text, width)}
      </Text>
    </Box>
  );
}
