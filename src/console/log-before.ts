// "Why did it restart?": the log pane placed around the moment an event happened — the lines the
// service wrote before it (an exit's last words) in the window's upper half, what came after in
// the lower half: the restart marker, the next run's first lines, and any last line of the old
// run that reached the logger a little after the supervisor recorded the exit (it travels
// through a pipe, so its stamp can be a few ms late). Through the LogTimeline port's time jump,
// given the moment as a TAI64N label: exact to the nanosecond and free of any zone reading.
import { formatLabel, timeFromMillis } from '../codec/tai64n.js';
import type { Fact, LogStepCode, LogTimeline } from '../source/port.js';

export async function showLogBefore(
  timeline: LogTimeline,
  atMs: number,
  zone: string,
): Promise<Fact<LogStepCode>> {
  const landed = await timeline.jump(formatLabel(timeFromMillis(atMs)), zone);
  // The jump puts the first line at or after the moment at the top: a page back shows what came
  // before it, half a page on brings the moment to the middle. Nothing after the moment: the
  // jump shows the end, which is what came before it.
  if (landed.code === 'found') {
    timeline.move({ kind: 'page', direction: -1 });
    timeline.move({ kind: 'half', direction: 1 });
  }
  return landed;
}
