// A cursor over the tokens of one file: skips monit's filler words, and turns "not what the
// grammar wants here" into a Failure that names the token's position, what was expected and what
// was found. The statement parsers throw it; parse-monitor.ts records it and resumes at the next
// statement, so one run reports every broken statement of a file.
import { describe, lex, type Token } from './lexer.js';
import type { MonitorError, Position } from './types.js';

export class Failure extends Error {
  constructor(
    readonly at: Position,
    readonly expected: string,
    readonly got: string,
    readonly note?: string,
  ) {
    super(`expected ${expected}, got ${got}`);
  }
}

export class Cursor {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  /** The next token that is not a filler word. */
  peek(): Token {
    let i = this.index;
    for (;;) {
      const token = this.tokens[i] as Token;
      if (token.kind !== 'word' || !token.noise) return token;
      i++;
    }
  }

  /** The very next token, filler words included (for svtui's `failed program`). */
  peekRaw(): Token {
    return this.tokens[this.index] as Token;
  }

  /** Step over the very next token, filler or not. */
  skipRaw(): void {
    if (this.peekRaw().kind !== 'eof') this.index++;
  }

  next(): Token {
    const token = this.peek();
    this.index = this.tokens.indexOf(token, this.index) + (token.kind === 'eof' ? 0 : 1);
    return token;
  }

  /** Consume the next token when it is one of these words (lower case). */
  accept(...keys: string[]): Token | undefined {
    const token = this.peek();
    return token.kind === 'word' && keys.includes(token.key) ? this.next() : undefined;
  }

  /** Consume the next token, which must be one of these words; `expected` names them. */
  expect(expected: string, ...keys: string[]): Token {
    const token = this.accept(...keys);
    if (!token) throw this.failure(expected);
    return token;
  }

  number(expected: string): { value: number; token: Token } {
    const token = this.peek();
    if (token.kind !== 'number') throw this.failure(expected);
    this.next();
    return { value: token.value, token };
  }

  /** A Failure at the next token. */
  failure(expected: string, token: Token = this.peek(), note?: string): Failure {
    return new Failure(token.at, expected, describe(token), note ?? noteFor(token));
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** Where the cursor is: give it to resync after a failure. */
  mark(): number {
    return this.index;
  }

  /**
   * After a failure in the statement that began at `mark`: on to the next token that begins a
   * statement (`starts`), past the failed statement's first token.
   */
  resync(mark: number, starts: (token: Token, before: Token | undefined) => boolean): void {
    if (this.index === mark) this.skipRaw();
    for (;;) {
      const token = this.peekRaw();
      if (token.kind === 'eof' || starts(token, this.tokens[this.index - 1])) return;
      this.index++;
    }
  }
}

/** monit's statements that begin with a word svtui also reads as an action. */
const ACTION_STARTS = new Set(['start', 'stop', 'restart', 'alert']);
/** monit's other statement words inside or between check blocks. */
const STATEMENT_STARTS = new Set(
  'if every check set include group depends depend mode onreboot noalert'.split(' '),
);

/**
 * Whether a token begins a monit statement: `if` (not `else if`), `every`, `check`, `set`, …; and
 * `start`, `stop`, `restart`, `alert` when first on their line and not after `then` or `else`.
 */
export function startsStatement(token: Token, before: Token | undefined): boolean {
  if (token.kind !== 'word') return false;
  const after = before?.kind === 'word' ? before.key : '';
  if (token.key === 'if') return after !== 'else';
  if (STATEMENT_STARTS.has(token.key)) return true;
  const firstOnLine = before === undefined || before.at.line < token.at.line;
  return ACTION_STARTS.has(token.key) && firstOnLine && after !== 'then' && after !== 'else';
}

export function toError(file: string, failure: Failure): MonitorError {
  return {
    file,
    line: failure.at.line,
    column: failure.at.column,
    expected: failure.expected,
    got: failure.got,
    ...(failure.note === undefined ? {} : { note: failure.note }),
  };
}

/**
 * The errors of a file whose lexing stopped at `lexError`: the parser's errors before it, then the
 * lexer's own (a parse error at the cut is only its echo).
 */
export function withLexError(
  file: string,
  errors: MonitorError[],
  lexError: { at: Position; expected: string; got: string } | undefined,
): MonitorError[] {
  if (!lexError) return errors;
  const { at, expected, got } = lexError;
  const before = errors.filter(
    (e) => e.line < at.line || (e.line === at.line && e.column < at.column),
  );
  return [...before, { file, line: at.line, column: at.column, expected, got }];
}

/**
 * Every statement of a file, each read by `statement`; a statement that fails is recorded and the
 * reading resumes at the next one, so one run reports every broken statement. The errors come
 * back in order, the lexer's own last.
 */
export function eachStatement(
  text: string,
  file: string,
  statement: (cursor: Cursor) => void,
): MonitorError[] {
  const lexed = lex(text);
  const cursor = new Cursor(lexed.tokens);
  const errors: MonitorError[] = [];
  while (!cursor.atEnd()) {
    const mark = cursor.mark();
    try {
      statement(cursor);
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      errors.push(toError(file, error));
      cursor.resync(mark, startsStatement);
    }
  }
  return withLexError(file, errors, lexed.error);
}

/** `file:line:column: expected …, got … (note)`: how every error is printed. */
export function formatError(error: MonitorError): string {
  const note = error.note === undefined ? '' : ` (${error.note})`;
  return `${error.file}:${error.line}:${error.column}: expected ${error.expected}, got ${error.got}${note}`;
}

/**
 * monit words svtui meets where monit would take them but svtui does not: the error says so, so a
 * monit user knows the line is monit's and the refusal deliberate.
 */
const MONIT_ONLY: Record<string, string> = {
  check: "a monitor file holds one service's rules, not monit's check blocks",
  set: "tree-wide settings go in .svtui/monitrc, which takes only 'set daemon'",
  include: 'svtui reads one monitor file per service',
  start: "svtui starts the service's ./run; monit's start program is not used",
  stop: "svtui stops the service as svc -d does; monit's stop program is not used",
  group: "monit's service groups are not supported by svtui",
  depends: "monit's dependencies are not supported by svtui",
  depend: "monit's dependencies are not supported by svtui",
  mode: "monit's monitoring modes are not supported by svtui",
  onreboot: "monit's onreboot is not supported by svtui",
  noalert: "alerts go to the tree's hook, .svtui/alert",
  changed: "monit's 'if changed' tests are not supported by svtui",
  succeeded: "monit's inverted 'if succeeded' tests are not supported by svtui; write 'if failed'",
  not: "monit's 'if not exist' is what svtui's supervision already does",
  exist: "monit's 'if exist' is not supported by svtui",
  pid: "monit's pid tests are not supported by svtui",
  ppid: "monit's ppid tests are not supported by svtui",
  uid: "monit's uid tests are not supported by svtui",
  euid: "monit's euid tests are not supported by svtui",
  gid: "monit's gid tests are not supported by svtui",
  filedescriptors: "monit's filedescriptors test is not supported by svtui",
  read: "monit's I/O tests are not supported by svtui",
  write: "monit's I/O tests are not supported by svtui",
  disk: "monit's I/O tests are not supported by svtui",
  security: "monit's security attribute test is not supported by svtui",
  unixsocket: "monit's unix socket tests are not supported by svtui",
  unix: "monit's unix socket tests are not supported by svtui",
  url: "monit's url tests are not supported by svtui; write 'port N protocol http request \"/path\"'",
  icmp: "monit's ping tests are not supported by svtui",
  ping: "monit's ping tests are not supported by svtui",
  ipv4: "monit's address family options are not supported by svtui",
  ipv6: "monit's address family options are not supported by svtui",
  send: "monit's send/expect tests are not supported by svtui",
  expect: "monit's send/expect tests are not supported by svtui",
  responsetime:
    "monit's responsetime test is not supported by svtui (the response time is recorded with every check)",
  address: "monit's outgoing address option is not supported by svtui",
  ssl: "monit's TLS options are not supported by svtui",
  tls: "monit's TLS options are not supported by svtui",
  certificate: "monit's TLS options are not supported by svtui",
  method: "monit's HTTP method option is not supported by svtui (svtui sends GET)",
  hostheader: "monit's HTTP host header option is not supported by svtui",
  username: "monit's HTTP credentials are not supported by svtui",
  password: "monit's HTTP credentials are not supported by svtui",
  checksum: "monit's checksum tests are not supported by svtui",
  udp: 'svtui checks TCP ports only',
  tcpssl: 'svtui checks TCP ports without TLS only',
  https: 'svtui speaks plain HTTP only',
  ignore: "monit's ignore action is not supported by svtui",
  loadavg: "monit's load average tests are not supported by svtui",
  swap: "monit's swap tests are not supported by svtui",
  months: 'a month has no fixed length; write days',
  month: 'a month has no fixed length; write days',
};

function noteFor(token: Token): string | undefined {
  if (token.kind !== 'word') return undefined;
  const key = token.key.startsWith('loadavg') ? 'loadavg' : token.key;
  return MONIT_ONLY[key];
}
