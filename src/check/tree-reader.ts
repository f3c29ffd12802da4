// The adapter behind `svtui check`: reads a service tree into the plain description of tree.ts.
// It reads no more than a few KB per file and follows symlinks as svscan and supervise do.
import {
  accessSync,
  closeSync,
  constants,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  readlinkSync,
  statSync,
} from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { errorCode } from '../codec/errors.js';
import { SETTING_FILES, type SettingFile } from '../codec/service-files.js';
import { multilogScript } from './log-run.js';
import { multilogParents } from './multilog-rules.js';
import type { FileInfo, ServiceEntry, ServiceFiles, Tree } from './tree.js';

const HEAD_BYTES = 16384;

/**
 * Throws (a Node system error) only when DIR itself cannot be listed. `path` is the PATH a
 * supervisor started from here would pass to its services: this process's own.
 */
export function readTree(dir: string, path = process.env.PATH ?? DEFAULT_PATH): Tree {
  const names = readdirSync(dir).sort();
  const at = (name: string) => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);
  const self = fileInfo(dir);
  return {
    dir,
    ownRun: fileInfo(at('run')),
    ...(self.type === 'directory' && self.mode !== undefined ? { mode: self.mode } : {}),
    entries: names.map((name) => readEntry(at(name), name)),
    svtuiOnPath: onPath('svtui', path),
    ...optional('monitrc', readText(at('.svtui/monitrc'))),
    ...optional('logview', readText(at('.svtui/logview'))),
    alert: fileInfo(at('.svtui/alert')),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** A monitor, monitrc or logview file's text: the whole of a regular file up to 1 MB, as UTF-8. */
function readText(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    return readFileSync(path)
      .subarray(0, 1 << 20)
      .toString('utf8');
  } catch {
    return undefined;
  }
}

/** What sh searches when PATH is unset (as embedded.ts assumes too). */
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * Whether an executable file `name` is in a directory of `path`, as execvp(3) looks. Relative
 * entries (an empty one is the cwd) are skipped: each service would resolve them in its own
 * directory, and a supervisor's PATH has none in practice.
 */
export function onPath(name: string, path: string): boolean {
  return path.split(delimiter).some((dir) => {
    if (!isAbsolute(dir)) return false;
    try {
      const file = join(dir, name);
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

function readEntry(path: string, name: string): ServiceEntry {
  const entry = fileInfo(path);
  if (entry.type !== 'directory') return { name, entry };
  const log = fileInfo(`${path}/log`);
  const service = {
    ...serviceFiles(path),
    log,
    ...optional('monitor', readText(`${path}/monitor`)),
  };
  if (log.type !== 'directory') return { name, entry, service };
  const logFiles = serviceFiles(`${path}/log`);
  const script = logFiles.run.type === 'file' ? multilogScript(logFiles.run.head) : undefined;
  const logParents: Record<string, FileInfo> = {};
  for (const parent of multilogParents(script ?? [])) {
    logParents[parent] = fileInfo(parent.startsWith('/') ? parent : `${path}/log/${parent}`);
  }
  return { name, entry, service: { ...service, logFiles, logParents } };
}

function serviceFiles(path: string): ServiceFiles {
  const settings: Partial<Record<SettingFile, string>> = {};
  for (const name of SETTING_FILES) {
    const info = fileInfo(`${path}/${name}`);
    if (info.type === 'file') settings[name] = info.head.slice(0, 256);
  }
  return {
    run: fileInfo(`${path}/run`),
    down: fileInfo(`${path}/down`),
    supervise: fileInfo(`${path}/supervise`),
    finish: fileInfo(`${path}/finish`),
    check: fileInfo(`${path}/check`),
    settings,
  };
}

export function fileInfo(path: string): FileInfo {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = errorCode(error) ?? 'EIO';
    if (code !== 'ENOENT') return { type: 'error', code };
    return danglingTarget(path) ?? { type: 'missing' };
  }
  const mode = stat.mode & 0o7777;
  if (stat.isDirectory()) return { type: 'directory', mode };
  if (!stat.isFile()) return { type: 'other' };
  const head = readHead(path);
  const executable = (stat.mode & 0o111) !== 0;
  const file = {
    type: 'file' as const,
    executable,
    head,
    mode,
    ...(stat.size > head.length ? { truncated: true } : {}),
  };
  const shebang = /^#!\s*(\S+)/.exec(head);
  if (!shebang?.[1]) return file;
  // The kernel resolves a relative interpreter from the cwd of the exec: the file's directory.
  const interpreter = shebang[1].startsWith('/') ? shebang[1] : `${dirname(path)}/${shebang[1]}`;
  return { ...file, interpreter: interpreterInfo(interpreter) };
}

function danglingTarget(path: string): FileInfo | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
    return { type: 'dangling', target: readlinkSync(path) };
  } catch {
    return undefined;
  }
}

function readHead(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const buffer = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, n).toString('latin1');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function interpreterInfo(path: string): { path: string; executable: boolean } {
  try {
    const isFile = statSync(path).isFile();
    accessSync(path, constants.X_OK);
    return { path, executable: isFile };
  } catch {
    return { path, executable: false };
  }
}
