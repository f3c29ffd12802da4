// The service table: a header and only the rows that fit, keyed by name, the selected one kept in
// view. One <Text> per row with a few coloured spans, prepared as plain strings.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { ServiceRow } from '../store/model.js';
import { cellTexts, headerLine, type Column } from './columns.js';
import { freshness, rowCells } from './format.js';
import type { Palette } from './palette.js';

export interface ServiceTableProps {
  rows: readonly ServiceRow[];
  columns: readonly Column[];
  selected: string | undefined;
  height: number;
  nowMs: number;
  palette: Palette;
  focused: boolean;
  /** The active filter: with no row left, the table says nothing matches it. */
  filter?: string;
}

/** The first row index to show so that `selectedIndex` is inside a window of `height` rows. */
export function windowStart(count: number, selectedIndex: number, height: number): number {
  if (count <= height || selectedIndex < 0) return 0;
  const half = Math.floor(height / 2);
  return Math.max(0, Math.min(selectedIndex - half, count - height));
}

export function ServiceTable(props: ServiceTableProps) {
  const { rows, columns, selected, height, palette } = props;
  const bodyHeight = Math.max(1, height - 1);
  const index = rows.findIndex((r) => r.name === selected);
  const start = windowStart(rows.length, index, bodyHeight);
  const shown = rows.slice(start, start + bodyHeight);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={props.focused ? palette.accent : undefined} wrap="truncate">
        {headerLine(columns, props.focused)}
      </Text>
      {shown.map((row) => (
        <TableRow
          key={row.name}
          row={row}
          columns={columns}
          selected={row.name === selected}
          nowSecond={Math.floor(props.nowMs / 1000)}
          palette={palette}
        />
      ))}
      {rows.length === 0 ? (
        <Text color={palette.dim} wrap="truncate">
          {props.filter
            ? `no service matches /${props.filter} (Esc clears)`
            : 'no services in this tree'}
        </Text>
      ) : null}
    </Box>
  );
}

interface RowProps {
  row: ServiceRow;
  columns: readonly Column[];
  selected: boolean;
  nowSecond: number;
  palette: Palette;
}

const TableRow = memo(function TableRow({ row, columns, selected, nowSecond, palette }: RowProps) {
  const nowMs = nowSecond * 1000;
  const cells = rowCells(row, nowMs);
  const wantUp = row.observation?.status?.want !== 'down';
  const parts = cellTexts(columns, cells);
  return (
    <Text inverse={selected} wrap="truncate">
      {parts.map((p, i) => {
        const text = i === 0 ? p.text : ` ${p.text}`;
        if (p.key === 'state')
          return (
            <Text key={p.key} color={palette.state(cells.state, wantUp)}>
              {text}
            </Text>
          );
        if (p.key === 'time')
          return (
            <Text key={p.key} color={palette.fresh(freshness(row, nowMs))}>
              {text}
            </Text>
          );
        return text;
      })}
    </Text>
  );
});
