// "Why did it restart?": the log pane placed so that its window ends where an event happened —
// the lines the service wrote before it (an exit's last words), and at the bottom the first line
// after (the next run's first line, or its restart marker). Through the LogTimeline port's time
// jump, given the moment as a TAI64N label: exact to the nanosecond and free of any zone reading.
import { formatLabel, timeFromMillis } from '../codec/tai64n.js';
import type { Fact, LogStepCode, LogTimeline } from '../source/port.js';

export async function showLogBefore(
  timeline: LogTimeline,
  atMs: number,
  zone: string,
): Promise<Fact<LogStepCode>> {
  const landed = await timeline.jump(formatLabel(timeFromMillis(atMs)), zone);
  // The jump puts the first line at or after the moment at the top: a page back shows what came
  // before it, a line on keeps that first line after in sight as the boundary. Nothing after the
  // moment: the jump shows the end, which is what came before it.
  if (landed.code === 'found') {
    timeline.move({ kind: 'page', direction: -1 });
    timeline.move({ kind: 'line', direction: 1 });
  }
  return landed;
}
