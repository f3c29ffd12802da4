// The rules of `svtui check` about health monitoring: every error of a service's `monitor` file
// and of the tree's `.svtui/monitrc`, at file:line:column, and an alert hook svtui could not run.
// Pure, like rules.ts, which calls them.
import { parseMonitor, parseMonitrc, type MonitorError } from '../monitor/index.js';
import type { FileInfo, Finding } from './tree.js';

const finding = (error: MonitorError): Finding => ({
  path: error.file,
  line: error.line,
  column: error.column,
  message: `expected ${error.expected}, got ${error.got}${error.note === undefined ? '' : ` (${error.note})`}`,
});

/** `path`: a service's monitor file, read as `text`. */
export function monitorProblems(path: string, text: string | undefined): Finding[] {
  return text === undefined ? [] : parseMonitor(text, path).errors.map(finding);
}

/** `path`: the tree's .svtui/monitrc, read as `text`. */
export function monitrcProblems(path: string, text: string | undefined): Finding[] {
  return text === undefined ? [] : parseMonitrc(text, path).errors.map(finding);
}

/** `path`: the tree's alert hook, which svtui runs for every alert; absent is fine. */
export function alertHookProblems(path: string, hook: FileInfo | undefined): Finding[] {
  if (hook === undefined || hook.type === 'missing') return [];
  const at = (message: string): Finding[] => [{ path, message }];
  if (hook.type === 'dangling')
    return at(`dangling symlink to ${hook.target}: no alert can be sent`);
  if (hook.type !== 'file') return at('not a regular file: no alert can be sent');
  if (!hook.executable) return at(`not executable: no alert can be sent; chmod +x ${path}`);
  return [];
}
