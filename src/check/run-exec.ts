// Whether a shell `run` script leaves its program running under the shell: a last command that is
// not exec'd. supervise then records the shell's pid, so svc's TERM (and -k's KILL) end the shell
// and leave the program running, no longer supervised; the real svc -d measures it (test/check/).
// Pure, and cautious: only a script whose #! names a Bourne-style shell, read whole, whose last
// line is one plain command; a compound (a loop's `done`, `fi`, a pipe, `&`, `;`, a subshell), a
// here-document or a builtin that starts nothing is left alone, as is `exec ...` and `wait`.

/** The shells whose scripts are read here (the #! program, or env's first operand). */
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh', 'posh']);

/** First words after which the line is not one simple command that starts a program. */
const NOT_A_PROGRAM = new Set([
  // exec'd already, or waiting for background children (whose signals are the script's affair)
  'exec',
  'wait',
  // compound commands and their parts
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'select',
  'function',
  '!',
  '{',
  '}',
  '[[',
  // builtins that run no program of their own (or one not known here)
  ':',
  'true',
  'false',
  'exit',
  'return',
  'echo',
  'printf',
  'cd',
  'export',
  'readonly',
  'local',
  'set',
  'unset',
  'shift',
  'trap',
  'umask',
  'ulimit',
  'test',
  '[',
  'read',
  'eval',
  'command',
  'builtin',
  '.',
  'source',
]);

export interface UnexecdCommand {
  /** The line it starts on, from 1. */
  line: number;
  /** The command as written (continuations joined). */
  text: string;
}

/** The last command of the script when it is a program that is not exec'd, else undefined. */
export function unexecdLastCommand(text: string): UnexecdCommand | undefined {
  if (!isShellScript(text) || text.includes('<<')) return undefined;
  const last = lastLogicalLine(text);
  if (!last) return undefined;
  // Descriptor duplications (2>&1, >&2, <&-) are redirections, not the `&` that backgrounds.
  const plain = last.text.replace(/[0-9]*[<>]&(?:[0-9]+|-)/g, ' ');
  if (/[;&|(){}`]|\$\(/.test(withoutQuoted(plain))) return undefined;
  const words = plain.trim().split(/\s+/);
  const first = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  if (first === undefined || NOT_A_PROGRAM.has(first)) return undefined;
  return last;
}

function isShellScript(text: string): boolean {
  const shebang = /^#![ \t]*(\S+)[ \t]*(\S*)/.exec(text);
  if (!shebang) return false;
  const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const program = base(shebang[1]!);
  return SHELLS.has(program === 'env' ? base(shebang[2] ?? '') : program);
}

/**
 * The script's last line that holds a command: continuations joined, comments and blank lines
 * skipped. Undefined when a quote is still open at the end (a string spanning lines).
 */
function lastLogicalLine(text: string): UnexecdCommand | undefined {
  const lines = text.replace(/\r$/gm, '').split('\n');
  let last: UnexecdCommand | undefined;
  for (let i = 1; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!;
    const command = stripComment(line);
    if (command === undefined) return undefined;
    if (command.trim() !== '') last = { line: start + 1, text: command.trim() };
  }
  return last;
}

/** The line without its comment; undefined when a quote is left open. */
function stripComment(line: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return quote ? undefined : line;
}

/** The text with every quoted part emptied: operators inside quotes are only text. */
function withoutQuoted(line: string): string {
  return line.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, '""');
}
