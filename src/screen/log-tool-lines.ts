// The log tool's words on screen (pure): the search's count in the pane's title ("/boom hit 3 of
// 120", "+" and the share read while it still counts), how many lines the filters hide, the
// prompt on the status line, the hints while a prompt or the filter list is open, and the
// filter list itself.
import type { LogSearchFacts, LogWindowFacts } from '../source/port.js';
import type { LogToolState, PromptKind } from '../store/log-tool.js';
import { sanitizeLine } from '../logview/sanitize.js';
import { fit } from './format.js';
import type { Palette } from './palette.js';
import { inverse, line, span, type Line } from './spans.js';

/** The search's state in a few words, for the pane's title. */
export function searchWords(search: LogSearchFacts): string {
  const query = `/${shortQuery(search.query)}`;
  const counting = search.running;
  const total = `${search.total.toLocaleString('en-US')}${counting || search.cancelled ? '+' : ''}`;
  const progress = counting ? ` ${Math.floor(search.fraction * 100)}%` : '';
  const stopped = search.cancelled ? ' (stopped)' : '';
  if (search.current !== undefined)
    return `${query} hit ${search.current.toLocaleString('en-US')} of ${total}${progress}${stopped}`;
  if (!counting && !search.cancelled && search.total === 0) return `${query} no hits`;
  return `${query} ${total} hit${search.total === 1 && !counting ? '' : 's'}${progress}${stopped}`;
}

/** How many filters are on and what they hide, for the pane's title. */
export function filterWords(tool: LogToolState, window: LogWindowFacts): string {
  const on = tool.filters.filter((f) => f.enabled).length;
  if (on === 0) return '';
  const hidden = window.hidden;
  const count = hidden
    ? ` · ${hidden.lines.toLocaleString('en-US')}${hidden.complete ? '' : '+'} hidden`
    : '';
  return `${on} filter${on === 1 ? '' : 's'}${count}`;
}

function shortQuery(query: string): string {
  const safe = sanitizeLine(query);
  return safe.length > 24 ? `${safe.slice(0, 23)}…` : safe;
}

const PROMPTS: Record<PromptKind, (zone: string) => string> = {
  search: () => '/',
  filter: () => '&',
  jump: (zone) => `jump to (${zone}): `,
  save: () => 'save the shown lines to: ',
};

/** The prompt (or the overwrite question) in place of the status line, when one is open. */
export function logPromptLine(
  tool: LogToolState,
  zone: string,
  width: number,
  palette: Palette,
): Line | undefined {
  if (tool.overwrite !== undefined) {
    const ask = ' exists: write over it? y/n';
    const room = Math.max(1, width - ask.length);
    return line(
      fit(`${fit(sanitizeLine(tool.overwrite), room).trimEnd()}${ask}`, width),
      palette.warn,
      true,
    );
  }
  const prompt = tool.prompt;
  if (!prompt) return undefined;
  const head = PROMPTS[prompt.kind](zone);
  // The end of what is typed stays in view, with the cursor after it; a refusal follows it.
  const typed = sanitizeLine(prompt.text);
  const error = prompt.error ? `  ${sanitizeLine(prompt.error)}` : '';
  const room = Math.max(1, width - head.length - 1 - Math.min(error.length, Math.floor(width / 2)));
  const tail = typed.length > room ? `…${typed.slice(typed.length - room + 1)}` : typed;
  const text = fit(`${tail}▏`, Math.max(1, width - head.length));
  const rest = width - head.length - text.trimEnd().length;
  return [
    span(head, palette.accent, true),
    span(text.trimEnd()),
    ...(error && rest > 0 ? [span(fit(error, rest), palette.warn, true)] : []),
  ];
}

const PROMPT_HINTS: Record<PromptKind, readonly string[]> = {
  search: [
    'Enter search · ^R literal text · !pat lines without it · lowercase: any case · Esc cancel',
    'Enter search · ^R literal · !pat lines without · Esc cancel',
    'Enter search · Esc cancel',
  ],
  filter: [
    'Enter filter · only lines matching it show; !pat hides them · empty: no filter · Esc cancel',
    'Enter filter · !pat hides · empty: no filter · Esc cancel',
    'Enter filter · Esc cancel',
  ],
  jump: [
    'Enter jump · 2013-03-18 19:08:40 · 19:08 · -1h · -10m · yesterday 14:00 · Esc cancel',
    'Enter jump · 19:08 · -1h · yesterday 14:00 · Esc cancel',
    'Enter jump · Esc cancel',
  ],
  save: [
    'Enter save (an existing file is not written over without asking) · Esc cancel',
    'Enter save · Esc cancel',
  ],
};

const LIST_HINTS = [
  'j/k move · Space on/off · t show ⇄ hide · D delete · & add · Esc close',
  'Space on/off · t flip · D delete · & add · Esc',
];

/** The hints while the log tool has the keys, or undefined. */
export function logToolHints(
  tool: LogToolState,
  listOpen: boolean,
  width: number,
): string | undefined {
  if (tool.overwrite !== undefined) return 'y write over it · n/Esc keep it';
  const list = tool.prompt ? PROMPT_HINTS[tool.prompt.kind] : listOpen ? LIST_HINTS : undefined;
  if (!list) return undefined;
  return list.find((h) => h.length <= width) ?? list.at(-1)!;
}

/** The filter list (F), `height` lines in place of the panes. */
export function filterListLines(
  tool: LogToolState,
  index: number,
  width: number,
  height: number,
  palette: Palette,
): Line[] {
  const out: Line[] = [
    line(
      fit(
        'Filters: a line shows when it matches a "show" one (if any is on) and no "hide" one',
        width,
      ),
      palette.accent,
      true,
    ),
  ];
  if (tool.filters.length === 0)
    out.push(line(fit('no filter yet: & adds one (&!pat hides)', width)));
  tool.filters.forEach((f, i) => {
    const text = `  [${f.enabled ? 'x' : ' '}] ${f.exclude ? 'hide' : 'show'}  ${sanitizeLine(f.text)}`;
    const row = line(fit(text, width), f.enabled ? undefined : palette.dim);
    out.push(i === index ? inverse(row) : row);
  });
  while (out.length < height) out.push([]);
  return out.slice(0, height);
}
