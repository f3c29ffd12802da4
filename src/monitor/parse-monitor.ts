// A service's `monitor` file: statements `if …` and `every N cycles`, parsed into typed rules.
// Every statement that is not svtui's is an error naming its position; the parser goes on at the
// next statement, so all of a file's errors are reported at once. A file with any error yields
// no rules the engine should use: it keeps the last good ones (the caller decides).
import { eachStatement, type Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { portTest, programTest } from './probes.js';
import { action, MAX_CYCLES, operator, rate, recovery } from './values.js';
import type {
  MonitorFile,
  Position,
  ResourceName,
  ResourceRule,
  RestartsRule,
  Rule,
  UptimeRule,
} from './types.js';

export function parseMonitor(text: string, file: string): MonitorFile {
  const result: MonitorFile = { rules: [], errors: [] };
  result.errors = eachStatement(text, file, (cursor) => statement(cursor, result));
  return result;
}

function statement(cursor: Cursor, result: MonitorFile): void {
  const start = cursor.peek();
  if (cursor.accept('every')) {
    result.every = every(cursor, start, result.every !== undefined);
    return;
  }
  if (!cursor.accept('if')) throw cursor.failure('"if" or "every"');
  result.rules.push(test(cursor, start.at));
}

function every(cursor: Cursor, start: Token, repeated: boolean): MonitorFile['every'] {
  if (repeated) {
    throw cursor.failure('one "every" statement', start, 'monit would keep the last');
  }
  const token = cursor.peek();
  if (token.kind === 'string') {
    throw cursor.failure(
      'a number of cycles',
      token,
      "monit's cron form of every is not supported by svtui",
    );
  }
  const n = cursor.number('a number of cycles');
  cursor.expect('"cycles"', 'cycle', 'cycles');
  if (n.value < 1) throw cursor.failure('a number of cycles from 1', n.token);
  return { cycles: n.value, at: start.at };
}

const TESTS =
  '"failed", cpu, totalcpu, memory, totalmem, children, threads, uptime or "N restarts"';

function test(cursor: Cursor, at: Position): Rule {
  const token = cursor.peek();
  if (token.kind === 'number') return restarts(cursor, at);
  if (token.kind !== 'word') throw cursor.failure(TESTS);
  if (token.key === 'failed') {
    cursor.next();
    const raw = cursor.peekRaw();
    if (raw.kind === 'word' && raw.key === 'program') {
      cursor.skipRaw();
      return programTest(cursor, at);
    }
    return portTest(cursor, at);
  }
  if (token.key === 'uptime') {
    cursor.next();
    return uptime(cursor, at);
  }
  const resource = resourceName(cursor);
  if (resource) return resourceTest(cursor, at, resource);
  throw cursor.failure(TESTS);
}

const NAMES: Record<string, ResourceName> = {
  cpu: 'cpu',
  totalcpu: 'totalcpu',
  mem: 'memory',
  memory: 'memory',
  totalmem: 'totalmemory',
  totalmemory: 'totalmemory',
  child: 'children',
  children: 'children',
  thread: 'threads',
  threads: 'threads',
};

/** A resource word; `total cpu` and `total mem(ory)` take one blank between, as monit's lexer. */
function resourceName(cursor: Cursor): ResourceName | undefined {
  const token = cursor.peek();
  if (token.kind !== 'word') return undefined;
  if (token.key === 'total') {
    cursor.next();
    const next = cursor.peekRaw();
    const adjacent = next.at.line === token.at.line && next.at.column === token.at.column + 6;
    const name = next.kind === 'word' && adjacent ? NAMES[`total${next.key}`] : undefined;
    if (!name) throw cursor.failure('"cpu" or "memory" after one blank', next);
    cursor.next();
    return name;
  }
  const name = NAMES[token.key];
  if (name) cursor.next();
  return name;
}

const SIZES: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1024,
  kilobyte: 1024,
  kilobytes: 1024,
  mb: 1024 ** 2,
  megabyte: 1024 ** 2,
  megabytes: 1024 ** 2,
  gb: 1024 ** 3,
  gigabyte: 1024 ** 3,
  gigabytes: 1024 ** 3,
};

function resourceTest(cursor: Cursor, at: Position, resource: ResourceName): ResourceRule {
  const op = operator(cursor);
  const valueToken = cursor.peek();
  let limit: number;
  let unit: ResourceRule['unit'];
  if (resource === 'children' || resource === 'threads') {
    limit = cursor.number(`a whole number of ${resource}`).value;
    unit = 'count';
  } else {
    if (valueToken.kind !== 'number' && valueToken.kind !== 'real')
      throw cursor.failure('a number');
    cursor.next();
    const unitToken = cursor.peek();
    const isPercent =
      unitToken.kind === 'percent' || (unitToken.kind === 'word' && unitToken.key === 'percent');
    const size = unitToken.kind === 'word' ? SIZES[unitToken.key] : undefined;
    if (isPercent) {
      limit = valueToken.value;
      unit = 'percent';
    } else if (size !== undefined && (resource === 'memory' || resource === 'totalmemory')) {
      limit = valueToken.value * size;
      unit = 'bytes';
    } else if (resource === 'cpu' || resource === 'totalcpu') {
      throw cursor.failure('"%"', unitToken);
    } else {
      const note = 'monit reads a bare number as bytes; svtui wants the unit written';
      throw cursor.failure(
        'a unit (B, KB, MB, GB or %)',
        unitToken,
        unitToken.kind === 'word' ? undefined : note,
      );
    }
    cursor.next();
  }
  const r = rate(cursor);
  cursor.expect('"then" or "for N cycles"', 'then');
  const then = action(cursor);
  return { kind: 'resource', at, resource, op, limit, unit, rate: r, then, else: recovery(cursor) };
}

const TIME_UNITS: Record<string, number> = {
  s: 1,
  second: 1,
  seconds: 1,
  m: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
  day: 86400,
  days: 86400,
};

function uptime(cursor: Cursor, at: Position): UptimeRule {
  const op = operator(cursor);
  const n = cursor.number('a whole number');
  const unitToken = cursor.peek();
  const unit = unitToken.kind === 'word' ? TIME_UNITS[unitToken.key] : undefined;
  if (unit === undefined) {
    const note =
      unitToken.kind === 'word'
        ? undefined
        : 'monit reads a bare number as seconds; svtui wants the unit written';
    throw cursor.failure('a unit (seconds, minutes, hours or days)', unitToken, note);
  }
  cursor.next();
  const r = rate(cursor);
  cursor.expect('"then" or "for N cycles"', 'then');
  const then = action(cursor);
  return { kind: 'uptime', at, op, seconds: n.value * unit, rate: r, then, else: recovery(cursor) };
}

/** `if N restart(s) [within] M cycle(s) then ACTION|timeout` (p.y: actionrate). */
function restarts(cursor: Cursor, at: Position): RestartsRule {
  const count = cursor.number('a number of restarts');
  cursor.expect('"restarts"', 'restart', 'restarts');
  const cycles = cursor.number('a number of cycles');
  cursor.expect('"cycles"', 'cycle', 'cycles');
  if (count.value < 1) throw cursor.failure('a number of restarts from 1', count.token);
  if (cycles.value < count.value) {
    throw cursor.failure(`a number of cycles from ${count.value} (the restarts)`, cycles.token);
  }
  if (cycles.value > MAX_CYCLES * 16) {
    throw cursor.failure(`a number of cycles up to ${MAX_CYCLES * 16}`, cycles.token);
  }
  cursor.expect('"then"', 'then');
  return {
    kind: 'restarts',
    at,
    count: count.value,
    cycles: cycles.value,
    then: action(cursor, { timeout: true }),
  };
}
