// The console's fixed lines as plain strings (pure, no Ink): the title line, the log pane's
// title, the key hints. Shared by the Ink components and by the plain first frame the console
// draws before Ink has loaded, so the two agree to the character.
import { FOCUS_MARK } from './columns.js';
import { fit } from './format.js';
import { displayColumns } from './hscroll.js';

export interface TitledWindow {
  title: string;
  where: string;
  zone?: string;
}

export const MAIN_HINTS =
  'j/k move · Tab log · u up · d down · Enter svc · Space mark · </> sort · z zone · / filter · ? help · q quit';

/** Shorter key hints for the table, longest first: `? help` and `q quit` stay at any width ≥ 40. */
const SHORTER_HINTS = [
  'j/k move · Tab log · u up · d down · Enter svc · Space mark · z zone · / filter · ? help · q quit',
  'j/k move · Tab pane · u up · d down · Enter svc · z zone · / filter · ? help · q quit',
  'j/k · Tab pane · u up · d down · Enter svc · z zone · / filter · ? help · q quit',
  'Enter svc · z zone · / filter · ? help · q quit',
  '? help · q quit',
];

/** While the log pane has the keys: its own keys first (the log tool's too), longest first. */
const LOG_HINTS = [
  'j/k PgUp/PgDn g/G · ←/→ sideways · / search · n/N · & filter · : time · e/w errors · M merge · y copy · Tab table · ? help · q quit',
  'PgUp/PgDn g/G · ←/→ sideways · / search · n/N · & filter · : time · e/w errors · M merge · y copy · ? help',
  'PgUp/PgDn g/G · ←/→ sideways · / search · & filter · : time · ? help · q quit',
  'PgUp/PgDn g/G · ←/→ sideways · / search · & : · ? help · q quit',
  'PgUp/PgDn g/G · / search · ? help · q quit',
  '? help · q quit',
];

export interface HintContext {
  /** Which pane has the keys (the table unless told). */
  focus?: 'table' | 'log';
  /** Nothing can be sent: the svc keys are not offered, `read-only` is said instead. */
  readOnly?: boolean;
}

/** The key hints that fit `width` columns, for the pane that has the keys. */
export function mainHints(width: number, context: HintContext = {}): string {
  const list = context.focus === 'log' ? LOG_HINTS : [MAIN_HINTS, ...SHORTER_HINTS];
  const shown = context.readOnly ? list.map(readOnlyHints) : list;
  return shown.find((h) => h.length <= width) ?? shown.at(-1)!;
}

function readOnlyHints(hints: string): string {
  return hints.replace('u up · d down · Enter svc', 'read-only').replace('Enter svc', 'read-only');
}

/** The title line's left part; past `width` the tree's path gives way (from its left), not the rest. */
export function consoleHeader(
  mode: string,
  readOnly: boolean,
  title: string,
  count: number,
  width = Infinity,
  summary: string | readonly string[] = '',
): string {
  const head = `svtui ${mode}${readOnly ? ' read-only' : ''} · `;
  const services = ` · ${count} service${count === 1 ? '' : 's'}`;
  // The summary (in its longest form that fits) goes first when room is short; the path gives
  // way before the count.
  const forms = typeof summary === 'string' ? [summary] : summary;
  const fitting = forms.find(
    (form) => form && width - head.length - services.length - form.length >= 12,
  );
  const tail = fitting ? services + fitting : services;
  const room = width - head.length - tail.length;
  const path =
    title.length <= room ? title : `…${title.slice(title.length - Math.max(1, room - 1))}`;
  return head + path + tail;
}

/**
 * The pane's title line: `─ log PATH ──── WHERE · ZONE ` in exactly `width` columns (`▶ log` when
 * the pane has the keys). The zone is never cut: the path gives way first, then WHERE.
 */
export function logTitle(
  window: TitledWindow,
  width: number,
  zone: string,
  focused = false,
): string {
  const shownZone = window.zone ?? zone;
  let right = ` ${window.where ? `${window.where} · ` : ''}${shownZone} `;
  if (right.length + 8 > width) right = ` ${shownZone} `;
  const left = `${focused ? FOCUS_MARK : '─'} log ${window.title} `;
  const head = fit(left, Math.max(1, width - right.length - 1)).trimEnd() + ' ';
  return head + '─'.repeat(Math.max(0, width - displayColumns(head) - right.length)) + right;
}
