// `svtui events [--json] [--follow] [--tz ZONE] [SERVICE...|DIR]`: the event history of services
// (supervise/svtui-events and its rotated .old), merged in time order, one line each; with
// --follow, then every new event as it is written, until SIGINT or SIGTERM (exit 0). Exit 100
// for a bad argument, 111 when output fails.
import { dieOfSigpipe, StreamError, writeAll } from '../adapters/stdio.js';
import { errorText } from '../codec/errors.js';
import { EVENTS_USAGE, parseEventsArgs } from '../events/args.js';
import { EventFollower } from '../events/follow.js';
import { formatEventLine, nameWidth } from '../events/format.js';
import { mergeByTime, type NamedLine } from '../events/merge.js';
import { readServiceEvents } from '../events/read.js';
import { resolveTargets } from '../status/targets.js';
import { resolveZone } from '../time/zone.js';

export async function run(args: string[]): Promise<number> {
  const parsed = parseEventsArgs(args);
  if (!parsed.ok) return usage(`${parsed.error} (${EVENTS_USAGE})`);
  const targets = resolveTargets(parsed.operands);
  if (!targets.ok) return usage(targets.error);
  const { zone, warning } = resolveZone(parsed.tz ?? process.env.TZ);
  if (warning) process.stderr.write(`svtui events: warning: ${warning.text}\n`);
  const width = nameWidth(targets.targets.map((t) => t.name));
  const print = (lines: readonly NamedLine[]) => {
    if (lines.length === 0) return;
    const text = lines
      .map((l) => `${parsed.json ? l.raw : formatEventLine(l, zone, width)}\n`)
      .join('');
    const bytes = Buffer.from(text);
    writeAll(1, bytes, 0, bytes.length);
  };
  // Following takes each file's inode and size first and reads the history up to there, so an
  // event written meanwhile is printed once, by the follower.
  let settle: (code: number) => void = () => undefined;
  const follower = parsed.follow
    ? new EventFollower(targets.targets, (name, lines) => {
        try {
          print(mergeByTime([{ name, lines }]));
        } catch (error) {
          settle(outputFailed(error));
        }
      })
    : undefined;
  try {
    const history = follower
      ? follower.history()
      : targets.targets.map((t) => readServiceEvents(t.dir).lines);
    print(mergeByTime(targets.targets.map((t, i) => ({ name: t.name, lines: history[i] ?? [] }))));
  } catch (error) {
    follower?.stop();
    return outputFailed(error);
  }
  if (!follower) return 0;
  return new Promise<number>((resolve) => {
    const stop = () => settle(0);
    settle = (code) => {
      follower.stop();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(code);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** A reader gone: SIGPIPE, as `tail -f | head` ends; another failure: one line, exit 111. */
function outputFailed(error: unknown): number {
  if (!(error instanceof StreamError)) throw error;
  if (error.code === 'EPIPE') dieOfSigpipe();
  process.stderr.write(`svtui events: fatal: unable to write output: ${errorText(error.code)}\n`);
  return 111;
}

function usage(line: string): number {
  process.stderr.write(`svtui events: ${line}\n`);
  return 100;
}
