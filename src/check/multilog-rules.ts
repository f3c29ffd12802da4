// What multilog would do with a script that its author probably did not mean (spec §4.1):
// words it silently ignores, a `t` that is not first, sizes and counts it clamps, settings and
// patterns that no later action uses, no log directory at all, a directory given twice. Pure.
import { posix } from 'node:path';
import { clampSize, leadingNumber, MAX_SIZE, MIN_SIZE } from '../log/script.js';
import type { FileInfo } from './tree.js';

/** One problem in the script, worded for `DIR/name/log/run: ...`. */
export function multilogProblems(script: readonly string[]): string[] {
  const problems: string[] = [];
  const isDirectory = (word: string) => word.startsWith('.') || word.startsWith('/');
  const isOutput = (word: string) =>
    isDirectory(word) || word.startsWith('e') || word.startsWith('=');
  const seen = new Set<string>();
  script.forEach((word, index) => {
    const later = script.slice(index + 1);
    const first = word[0];
    if (first === 't') {
      if (index > 0) problems.push(`multilog ignores "${word}": t counts only as the first word`);
    } else if (first === 's') {
      const size = leadingNumber(word.slice(1));
      const used = clampSize(size);
      if (used !== size || !/^s[0-9]+$/.test(word)) {
        problems.push(
          `multilog reads "${word}" as s${used} (sizes are ${MIN_SIZE} to ${MAX_SIZE})`,
        );
      }
      if (!later.some(isDirectory)) problems.push(`"${word}" applies to no log directory after it`);
    } else if (first === 'n') {
      const count = leadingNumber(word.slice(1));
      if (count < 2 || !/^n[0-9]+$/.test(word)) {
        problems.push(
          `multilog reads "${word}" as n${Math.max(2, count)} (at least 2: one old file)`,
        );
      }
      if (!later.some(isDirectory)) problems.push(`"${word}" applies to no log directory after it`);
    } else if (first === '!') {
      if (!later.some(isDirectory))
        problems.push(`processor "${word}" applies to no log directory after it`);
    } else if (first === '+' || first === '-') {
      if (!later.some(isOutput)) problems.push(`pattern "${word}" selects for no action after it`);
    } else if (first === 'e' || first === '=') {
      // alerts and status files: nothing to check without running them
    } else if (isDirectory(word)) {
      if (seen.has(word)) problems.push(`"${word}" is given twice: multilog fails to lock it`);
      seen.add(word);
    } else {
      problems.push(`multilog silently ignores "${word}": a log directory must start with . or /`);
    }
  });
  if (!script.some(isDirectory))
    problems.push('multilog script has no log directory (starting with . or /)');
  return problems;
}

/**
 * The directories multilog must find in place: the parent of each log directory (it creates
 * only the last component) and of each `=file`, as written in the script (relative ones are
 * relative to log/, where log/run runs).
 */
export function multilogParents(script: readonly string[]): string[] {
  const parents = script
    .filter((word) => word.startsWith('.') || word.startsWith('/') || word.startsWith('='))
    .map((word) => posix.dirname(word.startsWith('=') ? word.slice(1) : word));
  return [...new Set(parents)];
}

/** A finding for each target whose parent directory is not there. */
export function parentProblems(
  script: readonly string[],
  parents: Readonly<Record<string, FileInfo>>,
): string[] {
  const problems: string[] = [];
  for (const word of script) {
    const isDirectory = word.startsWith('.') || word.startsWith('/');
    if (!isDirectory && !word.startsWith('=')) continue;
    const target = isDirectory ? word : word.slice(1);
    const parent = posix.dirname(target);
    const found = parents[parent];
    if (!found || found.type === 'directory') continue;
    const fails = isDirectory ? 'unable to open directory' : 'unable to create';
    const what =
      found.type === 'missing' || found.type === 'dangling'
        ? 'does not exist'
        : 'is not a directory';
    problems.push(`"${word}": ${parent} ${what}, so multilog fails (${fails} ${target})`);
  }
  return problems;
}
