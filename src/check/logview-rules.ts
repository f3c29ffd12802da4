// The rule of `svtui check` about the log tool: every error of the tree's `.svtui/logview` (the
// words e/E and w/W step to), at file:line:column. Pure, like rules.ts, which calls it.
import { parseLevelConfig } from '../logview/search/level-config.js';
import type { Finding } from './tree.js';

/** `path`: the tree's .svtui/logview, read as `text`. */
export function logviewProblems(path: string, text: string | undefined): Finding[] {
  if (text === undefined) return [];
  return parseLevelConfig(text, path).errors.map((error) => ({
    path: error.file,
    line: error.line,
    column: error.column,
    message: `expected ${error.expected}, got ${error.got}`,
  }));
}
