// The console's command line: `svtui [DIR] [--tz ZONE[,ZONE...]]`. Pure: the environment and a
// directory test come in, a plan or a one-line error comes out.

export interface ConsoleArgs {
  root: string;
  zones: string[];
  /**
   * DIR was named on the command line. Only then may the console become the tree's supervisor
   * (embedded mode). A DIR found by default ($SVDIR, /service, /etc/service) is a standing setting
   * (SVDIR is runit's `sv` default, set once in a profile), not a decision to supervise that tree
   * from this terminal, so with nothing supervising it the console only shows it, read-only.
   */
  explicit: boolean;
}

export type Parsed = { ok: true; args: ConsoleArgs } | { ok: false; error: string };

/** What a path is, as far as the console cares. */
export type PathKind = 'directory' | 'missing' | 'other';

export function parseConsoleArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  kindOf: (path: string) => PathKind,
): Parsed {
  const isDirectory = (path: string) => kindOf(path) === 'directory';
  const zones: string[] = [];
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--tz' || arg.startsWith('--tz=')) {
      const value = arg === '--tz' ? argv[++i] : arg.slice('--tz='.length);
      if (!value) return { ok: false, error: '--tz needs a zone name, e.g. --tz Europe/Paris,UTC' };
      zones.push(...value.split(',').filter((z) => z !== ''));
    } else if (arg.startsWith('-') && arg !== '-') {
      return { ok: false, error: `unknown option ${arg} (usage: svtui [DIR] [--tz ZONE,...])` };
    } else if (dir === undefined) {
      dir = arg;
    } else {
      return { ok: false, error: `one service directory only, got ${dir} and ${arg}` };
    }
  }
  if (dir !== undefined) {
    const kind = kindOf(dir);
    if (kind === 'missing') return { ok: false, error: `${dir} does not exist` };
    if (kind !== 'directory') return { ok: false, error: `${dir} is not a directory` };
    return { ok: true, args: { root: dir, zones, explicit: true } };
  }
  const candidates = [env.SVDIR, '/service', '/etc/service'].filter((d): d is string => !!d);
  const found = candidates.find(isDirectory);
  if (!found) {
    return {
      ok: false,
      error: `no service directory: give DIR, or set SVDIR (tried ${candidates.join(', ')})`,
    };
  }
  return { ok: true, args: { root: found, zones, explicit: false } };
}
