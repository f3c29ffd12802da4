// `svtui status [--json|--prometheus] [SERVICE...|DIR]`: state, resources, checks and restarts
// of services under any supervisor (svtui scan, svscan, runsvdir, s6-svscan). Exit 0 when every
// service is as its supervisor wants it and no check failed, 1 otherwise (monit's and Nagios'
// habit: a cron job or a probe can act on it); 100 for a bad argument, 111 when output fails.
import { dieOfSigpipe, StreamError, writeAll } from '../adapters/stdio.js';
import { errorText } from '../codec/errors.js';
import { parseStatusArgs, STATUS_USAGE } from '../status/args.js';
import { gatherReports } from '../status/gather.js';
import { statusHuman } from '../status/human.js';
import { statusJson } from '../status/json.js';
import { statusPrometheus } from '../status/prometheus.js';
import { resolveTargets } from '../status/targets.js';

export async function run(args: string[]): Promise<number> {
  const parsed = parseStatusArgs(args);
  if (!parsed.ok) return usage(`${parsed.error} (${STATUS_USAGE})`);
  const targets = resolveTargets(parsed.operands);
  if (!targets.ok) return usage(targets.error);
  const reports = await gatherReports(targets.targets);
  const now = Date.now();
  const text =
    parsed.format === 'json'
      ? statusJson(reports, now)
      : parsed.format === 'prometheus'
        ? statusPrometheus(reports)
        : statusHuman(reports);
  const bytes = Buffer.from(text);
  try {
    writeAll(1, bytes, 0, bytes.length);
  } catch (error) {
    if (!(error instanceof StreamError)) throw error;
    if (error.code === 'EPIPE') dieOfSigpipe(); // `svtui status | head -3`: as svstat ends
    process.stderr.write(`svtui status: fatal: unable to write output: ${errorText(error.code)}\n`);
    return 111;
  }
  return reports.every((r) => r.asWanted) ? 0 : 1;
}

function usage(line: string): number {
  process.stderr.write(`svtui status: ${line}\n`);
  return 100;
}
