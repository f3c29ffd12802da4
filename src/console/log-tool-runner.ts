// The log tool's effects carried out on the shown timeline (the console's controller hands them
// here): a search started, stepped or cancelled, filters set, a jump to a time, the shown lines
// copied to the terminal's clipboard or saved to a file. What the timeline answers comes back as
// a log-tool action (a bad pattern reopens its prompt with the text kept) or a status message.
import type { LogFilterInput, LogTimeline, LogWindowFacts } from '../source/port.js';
import type { LogToolAction, LogToolEffect } from '../store/log-tool.js';
import { shownText } from '../screen/log-copy.js';
import type { Zone } from '../time/zone.js';

/** What saving a file came to: `EEXIST` asks before writing over it. */
export type SaveOutcome = { ok: true } | { ok: false; code: string; text: string };

export interface LogToolPorts {
  timeline(): LogTimeline | undefined;
  window(): LogWindowFacts | undefined;
  zone(): Zone;
  stampZone(): Zone;
  /** Log lines the pane shows. */
  rows(): number;
  merged(): boolean;
  say(text: string): void;
  dispatch(action: LogToolAction): void;
  /** Write to the terminal: the OSC 52 sequence. */
  clipboard?(text: string): void;
  save?(path: string, text: string, overwrite: boolean): Promise<SaveOutcome>;
}

export class LogToolRunner {
  constructor(private readonly ports: LogToolPorts) {}

  async carryOut(effect: LogToolEffect): Promise<void> {
    const { ports } = this;
    const timeline = ports.timeline();
    switch (effect.kind) {
      case 'search': {
        if (!timeline) return ports.say('no log to search');
        const started = await timeline.search({ text: effect.text });
        if (started.code === 'bad-query')
          return ports.dispatch({
            kind: 'refused',
            prompt: { kind: 'search', text: effect.text },
            text: started.text,
          });
        return ports.dispatch({ kind: 'searching', text: effect.text });
      }
      case 'cancelSearch':
        return timeline?.cancelSearch();
      case 'step':
      case 'level': {
        if (!timeline) return;
        const landed =
          effect.kind === 'step'
            ? await timeline.step(effect.direction)
            : await timeline.stepLevel(effect.level, effect.direction);
        // A level step found may carry a note (the words file had an error).
        if (landed.code !== 'cancelled' && landed.text !== '') ports.say(landed.text);
        return;
      }
      case 'filters':
        return this.filters(timeline, effect.filters);
      case 'jump': {
        if (!timeline) return ports.say('no log to jump in');
        const landed = await timeline.jump(effect.when, ports.zone().name);
        if (landed.code === 'bad-time')
          return ports.dispatch({
            kind: 'refused',
            prompt: { kind: 'jump', text: effect.when },
            text: landed.text,
          });
        if (landed.code !== 'found') ports.say(landed.text);
        return;
      }
      case 'copy':
        return this.copy();
      case 'save':
        return this.save(effect.path, effect.overwrite);
    }
  }

  /** Filters on the shown log, a single one or the merged timeline. */
  async filters(timeline: LogTimeline | undefined, filters: readonly LogFilterInput[]) {
    const { ports } = this;
    if (!timeline) return ports.dispatch({ kind: 'filtersSet', filters });
    const set = await timeline.setFilters(filters);
    if (set.code === 'found') return ports.dispatch({ kind: 'filtersSet', filters });
    const last = filters.at(-1);
    ports.dispatch({
      kind: 'refused',
      prompt: { kind: 'filter', text: last ? `${last.exclude ? '!' : ''}${last.text}` : '' },
      text: set.text,
    });
  }

  private lines(): { text: string; lines: number } | undefined {
    const { ports } = this;
    const window = ports.window();
    if (!window || window.lines.length === 0) return undefined;
    return shownText(window, ports.zone(), ports.stampZone(), ports.rows(), ports.merged());
  }

  private copy(): void {
    const { ports } = this;
    const shown = this.lines();
    if (!shown) return ports.say('no lines to copy');
    if (!ports.clipboard) return ports.say('no terminal to copy to');
    ports.clipboard(shown.text);
    ports.say(
      `copied ${plural(shown.lines, 'line')} to the terminal's clipboard (OSC 52; tmux: set-clipboard on)`,
    );
  }

  private async save(path: string, overwrite: boolean): Promise<void> {
    const { ports } = this;
    const shown = this.lines();
    if (!shown) return ports.say('no lines to save');
    if (!ports.save) return ports.say('saving is not available here');
    const saved = await ports.save(path, shown.text, overwrite);
    if (saved.ok) return ports.say(`saved ${plural(shown.lines, 'line')} to ${path}`);
    if (saved.code === 'EEXIST') return ports.dispatch({ kind: 'exists', path });
    ports.say(`not saved: ${saved.text}`);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
