// The console's root component: reads the service and message stores, keeps the UI state in a
// pure reducer, maps keys through the keymap, and hands effects (control bytes, log paging,
// quitting) to the composition root. Layout: title, table, log pane, status line, key hints.
import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Mode } from '../console/mode.js';
import type { MessageStore } from '../store/message-store.js';
import type { ServiceRow } from '../store/model.js';
import type { ServiceStore } from '../store/service-store.js';
import {
  filterNames,
  initialUiState,
  reduce,
  settleSelection,
  type Effect,
  type Intent,
  type UiState,
} from '../store/ui-state.js';
import { layoutColumns } from './columns.js';
import { fit, msUntilChange, rowReason } from './format.js';
import { keyToIntent, splitKeys } from './keymap.js';
import { consoleHeader, mainHints } from './chrome.js';
import { layoutHeights } from './layout.js';
import { LogPane, type LogWindowSource } from './LogPane.js';
import { OverlayView } from './Overlays.js';
import { makePalette } from './palette.js';
import { ServiceTable, windowStart } from './ServiceTable.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  services: ServiceStore;
  messages: MessageStore;
  log: LogWindowSource;
  /** Zone names in `z` order; the first is active at start. */
  zones: readonly string[];
  title: string;
  mode: Mode;
  readOnly: boolean;
  /** Why the console is read-only, when it is not a permission (said when a control key is hit). */
  readOnlyWhy?: string;
  noColor: boolean;
  now: () => number;
  /** Tick for uptimes; 0 turns the tick off (tests). */
  tickMs?: number;
  onEffect(effect: Effect): void;
  /** The selected service, the active zone and the pane size changed. */
  onView(view: {
    selected: string | undefined;
    zone: string;
    logWidth: number;
    logHeight: number;
  }): void;
  /** Names on screen, for the poller. */
  onVisible(names: readonly string[]): void;
}

export function App(props: AppProps) {
  const { services, messages, zones, noColor } = props;
  const snapshot = useSyncExternalStore(services.subscribe, services.getSnapshot);
  const message = useSyncExternalStore(messages.subscribe, messages.getSnapshot);
  const { columns: width, rows } = useTerminalSize();
  const palette = useMemo(() => makePalette(noColor), [noColor]);
  const allNames = useMemo(() => snapshot.rows.map((r) => r.name), [snapshot]);
  const [ui, setUi] = useState<UiState>(() =>
    initialUiState(allNames, props.readOnly, props.readOnlyWhy),
  );
  const names = useMemo(() => filterNames(allNames, ui.filter), [allNames, ui.filter]);
  const view = settleSelection(ui, names);
  const nowMs = props.now();

  const stateRef = useRef(view);
  stateRef.current = view;
  const dispatch = (intent: Intent) => {
    const ctx = {
      names: filterNames(allNames, stateRef.current.filter),
      zoneCount: zones.length,
      embedded: props.mode === 'embedded',
      serviceCount: allNames.length,
    };
    const step = reduce(stateRef.current, intent, ctx);
    // What the reducer has to say goes to the status line's store, which fades it.
    if (step.state.message) messages.set(step.state.message);
    const state = step.state.message ? { ...step.state, message: '' } : step.state;
    stateRef.current = state;
    setUi(state);
    if (step.effect) props.onEffect(step.effect);
  };
  useInput((input, key) => {
    for (const [one, info] of splitKeys(input, key)) {
      const intent = keyToIntent(stateRef.current, one, info);
      if (intent) dispatch(intent);
    }
  });

  const heights = layoutHeights(rows, names.length);
  const bodyHeight = heights.body;
  const tableHeight = heights.table;
  const logHeight = heights.log;
  const zone = zones[view.zoneIndex % zones.length] ?? 'UTC';
  const filtered = useMemo(() => {
    if (names.length === allNames.length) return snapshot.rows;
    const shown = new Set(names);
    return snapshot.rows.filter((r) => shown.has(r.name));
  }, [snapshot, names, allNames]);
  const shownFrom = windowStart(
    filtered.length,
    filtered.findIndex((r) => r.name === view.selected),
    tableHeight - 1,
  );
  useTimeTick(filtered.slice(shownFrom, shownFrom + tableHeight - 1), nowMs, props.tickMs ?? 1000);

  useEffect(() => {
    props.onView({
      selected: view.selected,
      zone,
      logWidth: width,
      logHeight: heights.logLines,
    });
  }, [view.selected, zone, width, logHeight]);
  const visibleKey = visibleNames(names, view.selected, tableHeight - 1).join('\n');
  useEffect(() => {
    props.onVisible(visibleKey ? visibleKey.split('\n') : []);
  }, [visibleKey]);

  const columns = useMemo(() => layoutColumns(width), [width]);
  const showsOverlay = view.overlay.kind === 'help' || view.overlay.kind === 'menu';
  const question = view.overlay.kind === 'confirm' || view.overlay.kind === 'quit';
  const filterText =
    view.editingFilter || view.filter
      ? ` · filter /${view.filter}${view.editingFilter ? '▏' : ''}`
      : '';
  const zoneText = `zone ${zone}`;
  const header = consoleHeader(
    props.mode,
    view.readOnly,
    props.title,
    allNames.length,
    width - zoneText.length - 1 - filterText.length,
  );
  return (
    <Box flexDirection="column" width={width} height={rows - 1}>
      <Text wrap="truncate">
        <Text bold>{fit(header + filterText, Math.max(1, width - zoneText.length - 1))}</Text>{' '}
        <Text color={palette.accent} bold>
          {zoneText}
        </Text>
      </Text>
      {showsOverlay ? (
        <OverlayView
          overlay={view.overlay}
          selected={view.selected}
          width={width}
          height={bodyHeight}
          palette={palette}
        />
      ) : (
        <>
          <ServiceTable
            rows={filtered}
            columns={columns}
            selected={view.selected}
            height={tableHeight}
            nowMs={nowMs}
            palette={palette}
            focused={view.focus === 'table'}
            filter={view.filter}
          />
          <LogPane
            source={props.log}
            width={width}
            height={logHeight}
            focused={view.focus === 'log'}
            zone={zone}
            palette={palette}
          />
        </>
      )}
      {question ? (
        <OverlayView
          overlay={view.overlay}
          selected={view.selected}
          width={width}
          height={1}
          palette={palette}
        />
      ) : (
        <Text wrap="truncate" color={palette.warn}>
          {fit(message || rowReason(filtered.find((r) => r.name === view.selected)), width)}
        </Text>
      )}
      <Text wrap="truncate" color={palette.dim}>
        {fit(hints(view, width), width)}
      </Text>
    </Box>
  );
}

function hints(ui: UiState, width: number): string {
  if (ui.editingFilter) return 'type to filter · Enter keep · Esc clear';
  if (ui.overlay.kind === 'menu')
    return width >= 84
      ? '↑/↓ move · Enter sends the highlighted letter · a letter sends itself · Esc close'
      : '↑/↓ move · Enter sends the highlighted one · a letter sends itself · Esc close';
  if (ui.overlay.kind === 'help') return 'Esc close';
  if (ui.overlay.kind === 'quit')
    return width >= 87
      ? 'y stop all and quit · n/Esc stay · to keep services running alone: svtui scan DIR'
      : 'y stop all and quit · n/Esc stay · svtui scan DIR runs services alone';
  if (ui.overlay.kind === 'confirm') return 'y yes · n no · Esc cancel';
  return mainHints(width, { focus: ui.focus, readOnly: ui.readOnly });
}

function visibleNames(
  names: readonly string[],
  selected: string | undefined,
  height: number,
): string[] {
  const start = windowStart(names.length, names.indexOf(selected ?? ''), height);
  return names.slice(start, start + height);
}

/**
 * Re-render when a shown time or freshness colour changes by itself (msUntilChange): about once
 * a second for young services, once a minute or an hour for old ones; never when `tickMs` is 0
 * (tests). Re-armed after every render.
 */
function useTimeTick(rows: readonly ServiceRow[], nowMs: number, tickMs: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (tickMs <= 0) return;
    let delay = Infinity;
    for (const row of rows) delay = Math.min(delay, msUntilChange(row, nowMs));
    if (!Number.isFinite(delay)) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(50, delay) + 5);
    return () => clearTimeout(timer);
  });
}
