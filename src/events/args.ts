// `svtui events [--json] [--follow] [--tz ZONE] [SERVICE...|DIR]`: the command line. Pure.

export interface EventsOptions {
  json: boolean;
  follow: boolean;
  /** --tz ZONE; undefined: TZ (or the system zone). */
  tz: string | undefined;
  operands: string[];
}

export type EventsArgs = ({ ok: true } & EventsOptions) | { ok: false; error: string };

export const EVENTS_USAGE = 'usage: svtui events [--json] [--follow] [--tz ZONE] [SERVICE...|DIR]';

export function parseEventsArgs(args: readonly string[]): EventsArgs {
  const out: EventsOptions = { json: false, follow: false, tz: undefined, operands: [] };
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!options || arg === '-' || !arg.startsWith('-')) out.operands.push(arg);
    else if (arg === '--') options = false;
    else if (arg === '--json') out.json = true;
    else if (arg === '--follow' || arg === '-f') out.follow = true;
    else if (arg === '--tz' || arg.startsWith('--tz=')) {
      const zone = arg === '--tz' ? args[++i] : arg.slice('--tz='.length);
      if (!zone) return { ok: false, error: '--tz needs a zone name, e.g. --tz Europe/Paris' };
      out.tz = zone;
    } else return { ok: false, error: `unknown option ${arg}` };
  }
  return { ok: true, ...out };
}
