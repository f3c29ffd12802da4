// The adapter behind `svtui check`: reads a service tree into the plain description of tree.ts.
// It reads no more than a few KB per file and follows symlinks as svscan and supervise do.
import {
  accessSync,
  closeSync,
  constants,
  lstatSync,
  openSync,
  readSync,
  readdirSync,
  readlinkSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { errorCode } from '../codec/errors.js';
import { multilogScript } from './log-run.js';
import { multilogParents } from './multilog-rules.js';
import type { FileInfo, ServiceEntry, ServiceFiles, Tree } from './tree.js';

const HEAD_BYTES = 16384;

/** Throws (a Node system error) only when DIR itself cannot be listed. */
export function readTree(dir: string): Tree {
  const names = readdirSync(dir).sort();
  const at = (name: string) => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);
  return {
    dir,
    ownRun: fileInfo(at('run')),
    entries: names.map((name) => readEntry(at(name), name)),
  };
}

function readEntry(path: string, name: string): ServiceEntry {
  const entry = fileInfo(path);
  if (entry.type !== 'directory') return { name, entry };
  const log = fileInfo(`${path}/log`);
  const service = { ...serviceFiles(path), log };
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
  return {
    run: fileInfo(`${path}/run`),
    down: fileInfo(`${path}/down`),
    supervise: fileInfo(`${path}/supervise`),
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
  if (stat.isDirectory()) return { type: 'directory' };
  if (!stat.isFile()) return { type: 'other' };
  const head = readHead(path);
  const executable = (stat.mode & 0o111) !== 0;
  const shebang = /^#!\s*(\S+)/.exec(head);
  if (!shebang?.[1]) return { type: 'file', executable, head };
  // The kernel resolves a relative interpreter from the cwd of the exec: the file's directory.
  const interpreter = shebang[1].startsWith('/') ? shebang[1] : `${dirname(path)}/${shebang[1]}`;
  return { type: 'file', executable, head, interpreter: interpreterInfo(interpreter) };
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
