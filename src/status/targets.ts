// Which service directories `svtui status` and `svtui events` look at. An argument with a `run`
// file or a `supervise/` directory is one service (as svstat takes it, named as written); any
// other directory is a tree: every subdirectory not starting with a dot (svscan's rule), each
// followed by its `NAME/log` when that is a service too — an operator asks "is my logger up?" as
// often as "is my service up?". No argument: the console's default tree ($SVDIR, /service,
// /etc/service). A missing argument, or one that is not a directory, is one line naming it.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode, errorText } from '../codec/errors.js';
import { parseConsoleArgs, type PathKind } from '../console/args.js';
import { isDirectory, listServiceDirs } from '../source/local/observe.js';

export interface Target {
  /** What the output calls it: the argument as given, or `NAME` and `NAME/log` inside a tree. */
  name: string;
  dir: string;
}

export type Targets = { ok: true; targets: Target[] } | { ok: false; error: string };

export function resolveTargets(
  operands: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Targets {
  if (operands.length === 0) {
    const parsed = parseConsoleArgs([], env, pathKind);
    if (!parsed.ok) return parsed;
    return treeTargets(parsed.args.root);
  }
  const targets: Target[] = [];
  for (const operand of operands) {
    const kind = statCode(operand);
    if (kind !== 'directory')
      return {
        ok: false,
        error: `${operand}: ${kind === 'ENOTDIR' ? 'not a directory' : errorText(kind)}`,
      };
    if (isService(operand)) targets.push({ name: operand, dir: operand });
    else {
      const tree = treeTargets(operand);
      if (!tree.ok) return tree;
      targets.push(...tree.targets);
    }
  }
  return { ok: true, targets };
}

/** Every service of the tree `root`, sorted by name, each followed by its log service. */
export function treeTargets(root: string): Targets {
  try {
    const targets: Target[] = [];
    for (const entry of listServiceDirs(root)) {
      targets.push({ name: entry.name, dir: entry.dir });
      const log = join(entry.dir, 'log');
      if (isDirectory(log) && isService(log)) targets.push({ name: `${entry.name}/log`, dir: log });
    }
    return { ok: true, targets };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function isService(dir: string): boolean {
  return exists(join(dir, 'run')) || isDirectory(join(dir, 'supervise'));
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}

/** `directory`, or the errno code (`ENOTDIR` for anything else that exists). */
function statCode(path: string): string {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'ENOTDIR';
  } catch (error) {
    return errorCode(error) ?? 'EIO';
  }
}

function pathKind(path: string): PathKind {
  const code = statCode(path);
  return code === 'directory' ? 'directory' : code === 'ENOENT' ? 'missing' : 'other';
}
