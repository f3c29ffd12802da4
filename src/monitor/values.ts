// The parts monit's statements share (p.y: operator, rate1/rate2, action1/action2,
// recovery_success, argumentlist), parsed from a Cursor. Ranges are monit's where monit checks
// them (cycles 1 to 64, times ≤ cycles) and svtui's own where monit takes anything (a repeat of
// 0 cycles).
import type { Cursor } from './cursor.js';
import type { Action, Command, Operator, Rate, Recovery } from './types.js';

const OPERATORS: Record<string, Operator> = {
  '>': '>',
  gt: '>',
  greater: '>',
  more: '>',
  older: '>',
  '>=': '>=',
  ge: '>=',
  '<': '<',
  lt: '<',
  less: '<',
  newer: '<',
  '<=': '<=',
  le: '<=',
  '=': '=',
  '==': '=',
  eq: '=',
  equal: '=',
  '!=': '!=',
  ne: '!=',
  notequal: '!=',
};

export const OPERATOR_WORDS = 'an operator (>, <, >=, <=, =, != or gt, lt, ge, le, eq, ne)';

export function acceptOperator(cursor: Cursor): Operator | undefined {
  const token = cursor.peek();
  if (token.kind !== 'word') return undefined;
  const op = OPERATORS[token.key];
  if (op !== undefined) cursor.next();
  return op;
}

export function operator(cursor: Cursor): Operator {
  const op = acceptOperator(cursor);
  if (op === undefined) throw cursor.failure(OPERATOR_WORDS);
  return op;
}

/** monit's BITMAP_MAX: the longest window it keeps. */
export const MAX_CYCLES = 64;

/** `[for] N cycles` or `N [times within] M cycles`; none: 1 of 1. */
export function rate(cursor: Cursor): Rate {
  const first = cursor.peek();
  if (first.kind !== 'number') return { times: 1, within: 1 };
  cursor.next();
  const second = cursor.peek();
  if (second.kind === 'number') {
    cursor.next();
    cursor.expect('"cycles"', 'cycle', 'cycles');
    if (second.value < 1 || second.value > MAX_CYCLES) {
      throw cursor.failure(`a number of cycles from 1 to ${MAX_CYCLES}`, second);
    }
    if (first.value < 1 || first.value > second.value) {
      throw cursor.failure(`a number of times from 1 to the ${second.value} cycles`, first);
    }
    return { times: first.value, within: second.value };
  }
  cursor.expect('"cycles" or "times within M cycles"', 'cycle', 'cycles');
  if (first.value < 1 || first.value > MAX_CYCLES) {
    throw cursor.failure(`a number of cycles from 1 to ${MAX_CYCLES}`, first);
  }
  return { times: first.value, within: first.value };
}

const ACTIONS = 'an action (alert, restart, start, stop, exec "command" or unmonitor)';

/** `alert`, `restart`, `start`, `stop`, `unmonitor`, `exec "cmd" [repeat every N cycles]`. */
export function action(cursor: Cursor, extra: { timeout?: boolean } = {}): Action {
  const token = cursor.peek();
  if (token.kind === 'word') {
    switch (token.key) {
      case 'alert':
      case 'restart':
      case 'start':
      case 'stop':
      case 'unmonitor':
        cursor.next();
        return { kind: token.key };
      case 'timeout':
        if (!extra.timeout) break;
        cursor.next();
        return { kind: 'unmonitor' };
      case 'exec':
      case 'execute':
        cursor.next();
        return exec(cursor);
    }
  }
  throw cursor.failure(ACTIONS);
}

/** A command in double quotes (`exec "…"`, `program "…"`), split into its words. */
export function quotedCommand(cursor: Cursor): Command {
  const token = cursor.peek();
  if (token.kind !== 'string' || !token.text.startsWith('"')) {
    throw cursor.failure('a command in double quotes', token);
  }
  cursor.next();
  const command = splitCommand(token.value);
  if (command.argv.length === 0) throw cursor.failure('a command', token);
  return command;
}

function exec(cursor: Cursor): Action {
  const command = quotedCommand(cursor);
  if (!cursor.accept('repeat')) return { kind: 'exec', command };
  cursor.expect('"every"', 'every');
  const n = cursor.number('a number of cycles');
  cursor.expect('"cycles"', 'cycle', 'cycles');
  if (n.value < 1) throw cursor.failure('a number of cycles from 1', n.token);
  return { kind: 'exec', command, repeatEvery: n.value };
}

/** `else ACTION` or `else if succeeded|recovered|passed [rate] then ACTION`; none: alert. */
export function recovery(cursor: Cursor): Recovery {
  if (!cursor.accept('else'))
    return { action: { kind: 'alert' }, rate: { times: 1, within: 1 }, written: false };
  if (!cursor.accept('if'))
    return { action: action(cursor), rate: { times: 1, within: 1 }, written: true };
  cursor.expect('"succeeded"', 'succeeded', 'recovered', 'passed');
  const r = rate(cursor);
  cursor.expect('"then"', 'then');
  return { action: action(cursor), rate: r, written: true };
}

/**
 * A command as monit's lexer splits `exec "…"` (l.l ARGUMENT_COND): on blanks and newlines,
 * with '…' kept as one argument without its quotes.
 */
export function splitCommand(text: string): Command {
  const argv: string[] = [];
  const pattern = /'([^']*)'|[^ \t\r\n]+/g;
  for (const match of text.matchAll(pattern)) argv.push(match[1] ?? match[0]);
  return { text, argv };
}
