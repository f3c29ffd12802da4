// The service tree on disk: which services it has (svscan's rule: every subdirectory not starting
// with a dot) and one observation of a service directory. The only file-system code of the table.
import {
  constants,
  closeSync,
  openSync,
  readSync,
  readdirSync,
  statSync,
  type Dirent,
} from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../codec/errors.js';
import { unpackStatus } from '../codec/status.js';
import type { Observation } from '../store/model.js';

export interface ServiceEntry {
  name: string;
  dir: string;
}

/** The services of `root`, sorted by name. Throws a one-line Error naming the directory. */
export function listServices(root: string): ServiceEntry[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch (error) {
    throw new Error(`unable to read ${root}: ${describeError(error)}`, { cause: error });
  }
  const out: ServiceEntry[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const dir = join(root, e.name);
    if (e.isDirectory() || (e.isSymbolicLink() && isDirectory(dir)))
      out.push({ name: e.name, dir });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a supervisor holds `dir/supervise/ok` open for reading (svok's test). */
export function isSupervised(dir: string): boolean {
  try {
    const fd = openSync(join(dir, 'supervise/ok'), constants.O_WRONLY | constants.O_NONBLOCK);
    closeSync(fd);
    return true;
  } catch {
    return false;
  }
}

const statusBuffer = Buffer.alloc(64);

/** One reading of a service directory, worded as svstat words its failures. */
export function observeService(dir: string): Observation {
  const normallyUp = !exists(join(dir, 'down'));
  const supervised = isSupervised(dir);
  let fd: number;
  try {
    fd = openSync(join(dir, 'supervise/status'), constants.O_RDONLY);
  } catch (error) {
    return {
      supervised,
      normallyUp,
      problem: `unable to open supervise/status: ${describeError(error)}`,
    };
  }
  let length: number;
  try {
    length = readSync(fd, statusBuffer, 0, statusBuffer.length, 0);
  } catch (error) {
    return {
      supervised,
      normallyUp,
      problem: `unable to read supervise/status: ${describeError(error)}`,
    };
  } finally {
    closeSync(fd);
  }
  const decoded = unpackStatus(statusBuffer.subarray(0, length));
  if (!decoded.ok) {
    return { supervised, normallyUp, problem: 'unable to read supervise/status: bad format' };
  }
  const since = decoded.status.since;
  const sinceMs = Number(since.seconds) * 1000 + Math.floor(since.nanoseconds / 1e6);
  return { supervised, normallyUp, status: decoded.status, sinceMs };
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
