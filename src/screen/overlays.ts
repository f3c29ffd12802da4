// The overlays as lines: help and the svc letter menu in place of the table and log, y/n questions
// on the status line.
import { controlLetters } from '../codec/letters.js';
import { menuItems } from '../store/menu.js';
import type { Overlay } from '../store/ui-state.js';
import { fit } from './format.js';
import { keyHelp } from './keymap.js';
import { logKeyHelp } from './log-keymap.js';
import type { Palette } from './palette.js';
import { inverse, line, span, type Line } from './spans.js';

/** Help or the menu, `height` lines for the body; undefined for the other overlays. */
export function overlayBody(
  overlay: Overlay,
  selected: { name: string; hasLog: boolean },
  width: number,
  height: number,
  palette: Palette,
): Line[] | undefined {
  let lines: Line[];
  if (overlay.kind === 'help') lines = [...shownHelp(width, height, palette, overlay.log ?? false)];
  else if (overlay.kind === 'menu') lines = menuLines(overlay.index, selected, width, palette);
  else return undefined;
  while (lines.length < height) lines.push([]);
  return lines.slice(0, height);
}

/** The y/n question that replaces the status line, when one is open. */
export function questionLine(overlay: Overlay, width: number, palette: Palette): Line | undefined {
  if (overlay.kind === 'confirm') {
    const { item, targets } = overlay;
    const ask = 'y/n';
    const names = targets.map((t) => (item.target === 'log' ? `${t.name}/log` : t.name));
    const name = item.target === 'log' ? item.name.replace(/^log /, '') : item.name;
    // Several: the action and the count first, then every name (cut at the width, never the y/n).
    const text =
      names.length === 1
        ? `${names[0]}: ${name} (svc -${item.letter}: ${item.does})?`
        : `${name} ${names.length} services: ${names.join(', ')}? (svc -${item.letter})`;
    return line(
      fit(`${fit(text, Math.max(1, width - ask.length - 1)).trimEnd()} ${ask}`, width),
      palette.warn,
      true,
    );
  }
  if (overlay.kind === 'quit') {
    const text =
      width >= 78
        ? 'Stop every service and quit? y/n (n/Esc stays; svtui scan DIR runs them alone)'
        : 'Stop every service and quit? y/n';
    return line(fit(text, width), palette.warn, true);
  }
  return undefined;
}

/** Help depends on nothing but the size, the palette and which keys: built once per size. */
const helpBuilt = new WeakMap<Palette, Map<string, readonly Line[]>>();

function shownHelp(width: number, height: number, palette: Palette, log: boolean): readonly Line[] {
  let sizes = helpBuilt.get(palette);
  if (!sizes) helpBuilt.set(palette, (sizes = new Map()));
  const key = `${width}x${height}${log ? ' log' : ''}`;
  let lines = sizes.get(key);
  if (!lines) {
    if (sizes.size >= 8) sizes.clear(); // a terminal dragged through many sizes
    lines = helpLines(width, height, palette, log);
    sizes.set(key, lines);
  }
  return lines;
}

function helpLines(width: number, height: number, palette: Palette, log: boolean): Line[] {
  const twoColumns = width >= 80 && keyHelp.length + controlLetters.length + 3 > height;
  const half = twoColumns ? Math.floor((width - 1) / 2) : width;
  // Every line fits its column (39 at 80×24): key 9 + 1 + 29; letter and its mark 2 + 1, the
  // name 9 + 1, a 26-column brief. The `*` sits by the letter, so it lines up for every name.
  const closing = 'Esc or ? closes this help.';
  const embedded = [
    '',
    'Embedded, svtui is the supervisor;',
    'svtui scan DIR runs services alone.',
  ];
  const keys = ['Keys', ...keyHelp.map(([k, what]) => `${k.padEnd(9)} ${what}`)];
  // Opened from the log pane: its own keys beside the others, in place of the svc letters.
  const logKeys = [
    'Log pane keys (Tab moves there)',
    ...logKeyHelp.map(([k, what]) => `${k.padEnd(9)} ${what}`),
    '',
    'From the table, ? lists svc letters.',
  ];
  const letters = log
    ? [...logKeys, '', closing]
    : [
        'svc letters (Enter; * asks y/n)',
        ...controlLetters.map(
          (l) =>
            `${l.letter}${l.asks ? '*' : ' '} ${l.name.padEnd(9)} ${twoColumns && half < 60 ? l.brief : l.does}`,
        ),
        ...embedded,
        '',
        closing,
      ];
  const colour = (text: string, i: number, all: string[]) =>
    i === 0
      ? palette.accent
      : i === all.length - 1 && text.startsWith('Esc or ?')
        ? palette.dim
        : undefined;
  const cell = (all: string[], i: number) => {
    const text = all[i] ?? '';
    return span(fit(text, half), colour(text, i, all), i === 0);
  };
  if (!twoColumns) {
    const column = [...keys, ' ', ...letters];
    return column.map((_, i) => [cell(column, i)]);
  }
  const out: Line[] = [];
  for (let i = 0; i < Math.max(keys.length, letters.length); i++) {
    out.push([cell(keys, i), span(' '), cell(letters, i)]);
  }
  return out;
}

function menuLines(
  index: number,
  selected: { name: string; hasLog: boolean },
  width: number,
  palette: Palette,
): Line[] {
  const out: Line[] = [
    line(
      fit(`svc on ${selected.name}: Enter or the key sends it (* asks y/n); Esc closes`, width),
      palette.accent,
      true,
    ),
  ];
  menuItems(selected.hasLog).forEach((item, i) => {
    if (item.target === 'log' && (i === 0 || menuItems(true)[i - 1]?.target === 'service'))
      out.push(line(fit(`${selected.name}/log, its log service:`, width), palette.accent));
    const text = line(
      fit(`  ${item.key}  ${item.name.padEnd(12)}${item.asks ? '*' : ' '} ${item.does}`, width),
    );
    out.push(i === index ? inverse(text) : text);
  });
  return out;
}
