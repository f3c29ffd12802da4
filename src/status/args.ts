// `svtui status [--json|--prometheus] [SERVICE...|DIR]`: the command line, parsed. Pure.

export type StatusFormat = 'human' | 'json' | 'prometheus';

export type StatusArgs =
  { ok: true; format: StatusFormat; operands: string[] } | { ok: false; error: string };

export const STATUS_USAGE = 'usage: svtui status [--json|--prometheus] [SERVICE...|DIR]';

export function parseStatusArgs(args: readonly string[]): StatusArgs {
  let format: StatusFormat = 'human';
  const operands: string[] = [];
  let options = true;
  for (const arg of args) {
    if (options && arg === '--') options = false;
    else if (options && (arg === '--json' || arg === '--prometheus')) {
      const wanted = arg === '--json' ? 'json' : 'prometheus';
      if (format !== 'human' && format !== wanted)
        return { ok: false, error: '--json and --prometheus: one format only' };
      format = wanted;
    } else if (options && arg.startsWith('-') && arg !== '-')
      return { ok: false, error: `unknown option ${arg}` };
    else operands.push(arg);
  }
  return { ok: true, format, operands };
}
