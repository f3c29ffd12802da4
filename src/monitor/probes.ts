// The probe tests: `failed [host H] port N …` (p.y: connection, with the options svtui speaks)
// and svtui's `failed program "…"`. Options come in any order, as in monit, each at most once
// (monit keeps the last of a repeated one; svtui says which is repeated); the HTTP options
// (request, status) follow `protocol http` directly, as monit's httplist does.
import { type Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { acceptOperator, action, quotedCommand, rate, recovery } from './values.js';
import type { Operator, PortRule, Position, ProgramRule } from './types.js';

/** monit's defaults inside `check process` (spec: host localhost, timeout 5 s, no retry). */
export const PORT_DEFAULTS = { host: 'localhost', timeoutSeconds: 5, retry: 0 } as const;
/** svtui's own: a program probe is a health check, held to the same 5 s as a port test. */
export const PROGRAM_TIMEOUT_SECONDS = 5;

const PORT_OPTIONS =
  '"type tcp", "protocol http", "content", "timeout", "retry", "then" or "for N cycles"';

export function portTest(cursor: Cursor, at: Position): PortRule {
  let host: string = PORT_DEFAULTS.host;
  if (cursor.accept('host')) host = hostName(cursor);
  cursor.expect(
    host === PORT_DEFAULTS.host ? '"host", "port" or "program"' : '"port"',
    'port',
    'portnumber',
  );
  const portToken = cursor.peek();
  const port = cursor.number('a port number').value;
  if (port < 1 || port > 65535) throw cursor.failure('a port from 1 to 65535', portToken);
  const rule: Omit<PortRule, 'rate' | 'then' | 'else'> = {
    kind: 'port',
    at,
    host,
    port,
    timeoutSeconds: PORT_DEFAULTS.timeoutSeconds,
    retry: PORT_DEFAULTS.retry,
  };
  const seen = new Set<string>();
  for (;;) {
    const token = cursor.peek();
    const key = token.kind === 'word' ? token.key : '';
    const name = key === 'proto' ? 'protocol' : key;
    if (!['type', 'protocol', 'content', 'timeout', 'retry'].includes(name)) break;
    once(cursor, seen, name, token);
    cursor.next();
    if (name === 'type') {
      cursor.expect('"tcp"', 'tcp');
    } else if (name === 'protocol') {
      cursor.expect('"http"', 'http');
      rule.http = { request: '/', ...httpOptions(cursor) };
    } else if (name === 'content') {
      rule.content = content(cursor);
    } else if (name === 'timeout') {
      rule.timeoutSeconds = seconds(cursor);
    } else {
      rule.retry = cursor.number('a number of retries').value;
    }
  }
  return finish(cursor, rule, PORT_OPTIONS);
}

const PROGRAM_OPTIONS = '"timeout", "status", "then" or "for N cycles"';

export function programTest(cursor: Cursor, at: Position): ProgramRule {
  const command = quotedCommand(cursor);
  const rule: Omit<ProgramRule, 'rate' | 'then' | 'else'> = {
    kind: 'program',
    at,
    command,
    timeoutSeconds: PROGRAM_TIMEOUT_SECONDS,
    status: { op: '=', value: 0 },
  };
  const seen = new Set<string>();
  for (;;) {
    const option = cursor.peek();
    const name = option.kind === 'word' ? option.key : '';
    if (name !== 'timeout' && name !== 'status') break;
    once(cursor, seen, name, option);
    cursor.next();
    if (name === 'timeout') rule.timeoutSeconds = seconds(cursor);
    else rule.status = status(cursor);
  }
  return finish(cursor, rule, PROGRAM_OPTIONS);
}

function finish<R extends PortRule | ProgramRule>(
  cursor: Cursor,
  rule: Omit<R, 'rate' | 'then' | 'else'>,
  options: string,
): R {
  const r = rate(cursor);
  cursor.expect(options, 'then');
  const then = action(cursor);
  return { ...rule, rate: r, then, else: recovery(cursor) } as R;
}

function once(cursor: Cursor, seen: Set<string>, name: string, token: Token): void {
  if (seen.has(name)) {
    throw cursor.failure(
      `one "${name}"`,
      token,
      `"${name}" is written twice; monit would keep the last`,
    );
  }
  seen.add(name);
}

function hostName(cursor: Cursor): string {
  const token = cursor.peek();
  if (token.kind === 'string') {
    cursor.next();
    return token.value;
  }
  if (token.kind === 'word' && !token.noise && token.key !== 'port') {
    cursor.next();
    return token.text;
  }
  throw cursor.failure('a host name or address', token);
}

/** `TIMEOUT N SECOND(S)`: monit takes only seconds here; svtui wants at least one. */
function seconds(cursor: Cursor): number {
  const n = cursor.number('a number of seconds');
  cursor.expect('"seconds"', 'second', 'seconds', 's');
  if (n.value < 1) throw cursor.failure('a timeout of 1 second or more', n.token);
  return n.value;
}

function httpOptions(cursor: Cursor): Partial<NonNullable<PortRule['http']>> {
  const http: Partial<NonNullable<PortRule['http']>> = {};
  const seen = new Set<string>();
  for (;;) {
    const token = cursor.peek();
    const name = token.kind === 'word' ? token.key : '';
    if (name !== 'request' && name !== 'status') return http;
    once(cursor, seen, name, token);
    cursor.next();
    if (name === 'status') {
      http.status = status(cursor);
      continue;
    }
    const path = cursor.peek();
    const value = path.kind === 'string' ? path.value : path.kind === 'word' ? path.text : '';
    if (!value.startsWith('/') || /[\s]/.test(value)) {
      throw cursor.failure('a request path starting with / (no blanks)', path);
    }
    cursor.next();
    http.request = value;
  }
}

/** `STATUS [op] N`: monit reads a missing operator as `=`. */
function status(cursor: Cursor): { op: Operator; value: number } {
  const op = acceptOperator(cursor) ?? '=';
  return { op, value: cursor.number('a status number').value };
}

function content(cursor: Cursor): NonNullable<PortRule['content']> {
  const opToken = cursor.peek();
  const op = acceptOperator(cursor);
  if (op !== '=' && op !== '!=') throw cursor.failure('= or !=', opToken);
  const token = cursor.peek();
  if (token.kind !== 'string') throw cursor.failure('a regular expression in quotes', token);
  try {
    new RegExp(token.value);
  } catch (error) {
    throw cursor.failure('a valid regular expression', token, (error as Error).message);
  }
  cursor.next();
  return { op, pattern: token.value };
}
