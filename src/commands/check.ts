// `svtui check DIR`: lint a service tree before it goes live. One line per finding on stdout
// (`DIR/name/run: not executable`, `DIR/name/run:3: warning: ...` with the line where one
// applies, `DIR/name/monitor:3:17: expected ..., got ...` with the column too), exit 1 when any is a problem; without problems the warnings, if any, then a one-line
// summary and exit 0; a DIR that cannot be read is one line on stderr and exit 111; bad usage
// exits 100.
import { StreamError, writeAll } from '../adapters/stdio.js';
import { errorCode, errorText } from '../codec/errors.js';
import { checkTree, serviceCount } from '../check/rules.js';
import { readTree } from '../check/tree-reader.js';
import type { Tree } from '../check/tree.js';

export async function run(args: string[]): Promise<number> {
  const operands = args[0] === '--' ? args.slice(1) : args;
  const dir = operands[0];
  const option =
    args[0] !== '--' ? operands.find((a) => a.startsWith('-') && a !== '-') : undefined;
  if (option !== undefined) {
    process.stderr.write(`svtui check: unknown option ${option}; usage: svtui check DIR\n`);
    return 100;
  }
  if (operands.length !== 1 || dir === undefined) {
    const what = operands.length === 0 ? 'no DIR given' : `one DIR only, not ${operands.length}`;
    process.stderr.write(`svtui check: ${what}; usage: svtui check DIR\n`);
    return 100;
  }
  let tree: Tree;
  try {
    tree = readTree(dir);
  } catch (error) {
    process.stderr.write(
      `svtui check: fatal: unable to read ${dir}: ${errorText(errorCode(error))}\n`,
    );
    return 111;
  }
  const findings = checkTree(tree);
  const problems = findings.filter((f) => f.severity !== 'warning').length;
  const warnings = findings.length - problems;
  const count = serviceCount(tree);
  const lines = findings.map(
    (f) =>
      `${f.path}${f.line === undefined ? '' : `:${f.line}`}${f.line !== undefined && f.column !== undefined ? `:${f.column}` : ''}: ${f.severity === 'warning' ? 'warning: ' : ''}${f.message}\n`,
  );
  if (problems === 0) {
    const noted = warnings === 0 ? '' : `, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    lines.push(`${dir}: ${count} service${count === 1 ? '' : 's'}, no problems found${noted}\n`);
  }
  const report = lines.join('');
  const bytes = Buffer.from(report);
  try {
    writeAll(1, bytes, 0, bytes.length);
  } catch (error) {
    if (!(error instanceof StreamError)) throw error;
    process.stderr.write(`svtui check: fatal: unable to write output: ${errorText(error.code)}\n`);
    return 111;
  }
  return problems === 0 ? 0 : 1;
}
