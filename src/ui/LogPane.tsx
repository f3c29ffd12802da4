// The log pane: a title with the file and position, then the visible lines. Lines live outside
// React (a LogWindowSource, read with useSyncExternalStore); they arrive decoded, sanitized and
// cut to the pane's width, so each is one <Text> holding a prepared string.
import { Box, Text } from 'ink';
import { useSyncExternalStore } from 'react';
import { logTitle } from './chrome.js';
import type { Palette } from './palette.js';

export interface LogWindow {
  /** The log directory or file shown, or why there is none. */
  title: string;
  lines: readonly string[];
  /** "following", "top", or a position such as "12%". */
  where: string;
  /** The zone the lines were decoded in (shown, so title and lines always agree). */
  zone?: string;
}

export interface LogWindowSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): LogWindow;
}

export interface LogPaneProps {
  source: LogWindowSource;
  width: number;
  height: number;
  focused: boolean;
  zone: string;
  palette: Palette;
}

export function LogPane({ source, width, height, focused, zone, palette }: LogPaneProps) {
  const window = useSyncExternalStore(source.subscribe, source.getSnapshot);
  const bodyHeight = Math.max(0, height - 1);
  const lines = window.lines.slice(-bodyHeight);
  const title = logTitle(window, width, zone, focused);
  return (
    <Box flexDirection="column" height={height}>
      <Text color={focused ? palette.accent : palette.dim} bold={focused} wrap="truncate">
        {title}
      </Text>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
