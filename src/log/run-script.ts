// The one reader of a log service's `run` script (pure): which logger it runs (multilog, svlogd,
// s6-log, after any wrapper such as setuidgid, chpst or s6-setuidgid), the logger's words, every
// log directory they name in order, and whether the file is exactly the in-process form. The
// supervisor (in-process logger), `svtui check` (the multilog script to lint) and the log pane
// (where to read) all take their answer from readLogRun(), so they never disagree on a file.
//
// It lives in src/log/ beside script.ts, whose multilog semantics its users apply to the words,
// rather than in src/codec/: it reads shell, not a file format, and log/ is the layer that
// needs it most strictly (the in-process form). Longer than most files because both readings
// and the per-tool directory rules belong together; the word splitting is in run-words.ts.
//
// Two readings of one text:
// - strict: after an optional `#!` line, comments, blank lines and pure redirections
//   (`exec 2>&1`), exactly one command line in plain words and 'single' or "double" quotes and
//   nothing else of the shell (DESIGN "The logger inside the supervisor"). `inProcess` is set
//   only when that line is `exec svtui multilog SCRIPT` and there is no redirection line: any
//   other file is run by /bin/sh as usual, so it can never be misread.
// - as a shell would, for the common forms: continuations joined, comments dropped, commands
//   split at ; && || | & and newlines, redirections skipped, a `cd DIR` and simple variables
//   (`NAME=value`, `export NAME=value`, then `$NAME` or `${NAME}`) followed in order. What
//   cannot be known without running it (command substitution, a variable from the environment,
//   a glob...) is reported with a typed reason, never guessed. Control flow (if, case) is not
//   followed: assignments count in the order they are written.
import { posix } from 'node:path';
import { tokenize, type Part, type UnknownCode, type Word } from './run-words.js';

export type LogTool = 'multilog' | 'svlogd' | 's6-log';

export type { UnknownCode } from './run-words.js';

export interface UnknownReason {
  code: UnknownCode;
  /** What it concerns: the variable's name, or the text as written. */
  detail: string;
}

export interface LogRunDir {
  /** The word as the script writes it, quotes and all. */
  written: string;
  /** The directory: absolute, or relative to the log service's directory (after any `cd`). */
  path?: string;
  /** Set instead of `path` when the directory cannot be known. */
  unknown?: UnknownReason;
}

export interface LogRun {
  /** The logger the script runs, if it names one. */
  tool?: LogTool;
  /** The logger's words after its name (multilog's script), expanded where known. */
  args: string[];
  /** Every log directory in `args`, in order (for multilog: each word starting with . or /). */
  dirs: LogRunDir[];
  /** The words of the one plain command line (strict reading), else undefined. */
  plain?: string[];
  /** The multilog script when the file is exactly `exec svtui multilog SCRIPT`, else undefined. */
  inProcess?: string[];
}

export function readLogRun(text: string): LogRun {
  const plain = plainCommand(text);
  const inProcess =
    plain && !plain.redirections && plain.words.slice(0, 3).join(' ') === 'exec svtui multilog'
      ? plain.words.slice(3)
      : undefined;
  return {
    ...interpret(text),
    ...(plain ? { plain: plain.words } : {}),
    ...(inProcess ? { inProcess } : {}),
  };
}

/** The in-process form: the multilog script of `exec svtui multilog SCRIPT...`, else undefined. */
export function parseLogRun(text: string): string[] | undefined {
  return readLogRun(text).inProcess;
}

// ---- the strict reading ----

/** Bytes that mean something to sh outside quotes (besides space, tab and the quotes). */
const SPECIAL_UNQUOTED = new Set([...'$`\\;&|<>()*?[]~{}#\n\r']);
/** Bytes that mean something to sh inside double quotes. */
const SPECIAL_DOUBLE = new Set([...'$`\\']);
const REDIRECTION_ONLY = /^exec(\s+[0-9]*[<>]&?[0-9-]+)+\s*$/;

function plainCommand(text: string): { words: string[]; redirections: boolean } | undefined {
  const lines = text.split('\n');
  if (lines[0]?.startsWith('#!')) lines.shift();
  const commands = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const rest = commands.filter((l) => !REDIRECTION_ONLY.test(l));
  if (rest.length !== 1) return undefined;
  const words = splitPlainWords(rest[0]!);
  return words && { words, redirections: rest.length !== commands.length };
}

/** Split one shell line into words, or undefined when it uses more of the shell than quoting. */
export function splitPlainWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      if (close < 0) return undefined;
      const quoted = line.slice(i + 1, close);
      if (c === '"' && [...quoted].some((q) => SPECIAL_DOUBLE.has(q))) return undefined;
      word = (word ?? '') + quoted;
      i = close + 1;
    } else {
      if (SPECIAL_UNQUOTED.has(c)) return undefined;
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

// ---- the reading as a shell would ----

type Value = { text: string } | { unknown: UnknownReason };

interface Shell {
  vars: Map<string, Value>;
  /** '' until a `cd`: paths stay as written, relative to log/. */
  cwd: Value;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

function interpret(text: string): Pick<LogRun, 'tool' | 'args' | 'dirs'> {
  const shell: Shell = { vars: new Map(), cwd: { text: '' } };
  for (const command of tokenize(text)) {
    const words =
      command[0] && isBuiltin(command[0], 'export', 'readonly') ? command.slice(1) : command;
    if (words.length > 0 && words.every((w) => assignment(w) !== undefined)) {
      for (const w of words) {
        const [name, value] = assignment(w)!;
        shell.vars.set(name, expand(value, shell));
      }
      continue;
    }
    if (command[0] && isBuiltin(command[0], 'cd')) {
      changeDirectory(command.slice(1), shell);
      continue;
    }
    const values = command.map((w) => expand(w.parts, shell));
    const at = values.findIndex((v) => 'text' in v && toolOf(v.text) !== undefined);
    if (at < 0) continue;
    const tool = toolOf((values[at] as { text: string }).text)!;
    const args = command.slice(at + 1).map((word, i) => ({ word, value: values[at + 1 + i]! }));
    return {
      tool,
      args: args.map(({ word, value }) => ('text' in value ? value.text : word.raw)),
      dirs: directories(tool, args).map(({ word, value }) => resolveDir(word, value, shell)),
    };
  }
  return { args: [], dirs: [] };
}

function isBuiltin(word: Word, ...names: string[]): boolean {
  const only = word.parts.length === 1 ? word.parts[0] : undefined;
  return only?.kind === 'text' && !only.quoted && names.includes(only.text);
}

/** `NAME=value` as a name and the parts of its value, else undefined. */
function assignment(word: Word): [string, Part[]] | undefined {
  const first = word.parts[0];
  if (first?.kind !== 'text' || first.quoted) return undefined;
  const match = ASSIGNMENT.exec(first.text);
  if (!match) return undefined;
  const rest: Part = { ...first, text: first.text.slice(match[0].length) };
  return [match[1]!, [rest, ...word.parts.slice(1)]];
}

function changeDirectory(args: Word[], shell: Shell): void {
  const operands = args.filter((w) => !(isBuiltin(w, '-L', '-P') || isBuiltin(w, '--')));
  const target = operands[0];
  if (!target) {
    shell.cwd = { unknown: { code: 'unknown-variable', detail: 'HOME' } };
    return;
  }
  const value = expand(target.parts, shell);
  if ('unknown' in value || value.text.startsWith('/') || 'unknown' in shell.cwd) {
    shell.cwd = 'text' in value && !value.text.startsWith('/') ? shell.cwd : value;
    return;
  }
  shell.cwd = { text: posix.join(shell.cwd.text || '.', value.text) };
}

/** A word's value with the variables known so far, or why it cannot be known. */
function expand(parts: readonly Part[], shell: Shell): Value {
  let text = '';
  for (const [i, part] of parts.entries()) {
    if (part.kind === 'unknown') return { unknown: { code: part.code, detail: part.raw } };
    if (part.kind === 'var') {
      const value = shell.vars.get(part.name);
      if (!value) return { unknown: { code: 'unknown-variable', detail: part.name } };
      if ('unknown' in value) return value;
      text += value.text;
      continue;
    }
    if (!part.quoted && i === 0 && part.text.startsWith('~')) {
      return { unknown: { code: 'tilde', detail: part.text } };
    }
    if (!part.quoted && /[*?[]/.test(part.text)) {
      return { unknown: { code: 'glob', detail: part.text } };
    }
    text += part.text;
  }
  return { text };
}

function toolOf(word: string): LogTool | undefined {
  const base = word.slice(word.lastIndexOf('/') + 1);
  return base === 'multilog' || base === 'svlogd' || base === 's6-log' ? base : undefined;
}

/** svlogd options that take a value in the next word when not attached. */
const SVLOGD_VALUED = new Set(['-r', '-R', '-l', '-b']);
/** s6-log options that take a value in the next word when not attached. */
const S6LOG_VALUED = new Set(['-l', '-d', '-t']);

interface Arg {
  word: Word;
  value: Value;
}

/** The arguments that name log directories, in order. */
function directories(tool: LogTool, args: Arg[]): Arg[] {
  // An unknowable word may be a directory unless its literal start says it is not.
  const startsLikeDir = ({ word, value }: Arg) => {
    if ('text' in value) return value.text.startsWith('.') || value.text.startsWith('/');
    const lead = leadingText(word);
    return lead === undefined || /^[./~]/.test(lead);
  };
  if (tool === 'multilog') return args.filter(startsLikeDir);
  const valued = tool === 'svlogd' ? SVLOGD_VALUED : S6LOG_VALUED;
  let i = 0;
  for (; i < args.length; i++) {
    const { value } = args[i]!;
    if (!('text' in value) || !value.text.startsWith('-') || value.text === '-') break;
    if (value.text === '--') {
      i++;
      break;
    }
    if (valued.has(value.text)) i++;
  }
  const rest = args.slice(i);
  return tool === 'svlogd' ? rest : rest.filter(startsLikeDir);
}

/** The literal text a word starts with, or undefined when it starts with an expansion. */
function leadingText(word: Word): string | undefined {
  const first = word.parts[0];
  return first?.kind === 'text' && first.text !== '' ? first.text : undefined;
}

function resolveDir(word: Word, value: Value, shell: Shell): LogRunDir {
  const written = word.raw;
  if ('unknown' in value) return { written, unknown: value.unknown };
  const cwd = shell.cwd;
  if (value.text.startsWith('/')) return { written, path: value.text };
  if ('unknown' in cwd)
    return { written, unknown: { code: 'unknown-cwd', detail: cwd.unknown.detail } };
  return { written, path: cwd.text === '' ? value.text : posix.join(cwd.text, value.text) };
}
