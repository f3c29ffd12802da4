// `svtui status --json`: one JSON document, schema 1 (docs/status-schema.md). Keys are written in
// one fixed order and every key is always present (null when unknown), so a script's `.pid` never
// meets a missing key; a later schema only adds keys, and changing what a key means bumps
// `schema`. Pure: the time comes in.
import type { CheckReport, ServiceReport } from './report.js';

export const STATUS_SCHEMA = 1;

export function statusJson(reports: readonly ServiceReport[], nowMs: number): string {
  const document = {
    schema: STATUS_SCHEMA,
    time: new Date(nowMs).toISOString(),
    as_wanted: reports.every((r) => r.asWanted),
    services: reports.map(serviceJson),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function serviceJson(r: ServiceReport): Record<string, unknown> {
  const res = r.resources;
  return {
    service: r.name,
    dir: r.dir,
    supervised: r.supervised,
    state: r.state,
    want: r.want,
    normally: r.normallyUp ? 'up' : 'down',
    as_wanted: r.asWanted,
    pid: r.pid,
    in_process: r.inProcess,
    seconds: r.seconds,
    uptime_seconds: r.uptimeSeconds,
    ready: r.ready,
    cpu_percent: res?.cpuPercent === null || !res ? null : round1(res.cpuPercent),
    memory_bytes: res ? res.memoryBytes : null,
    children: res ? res.children : null,
    threads: res ? res.threads : null,
    resources_from: res ? res.from : null,
    restarts: r.restarts,
    restarts_from: r.restartsFrom,
    last_exit: r.lastExit,
    problem: r.problem,
    checks: r.checks.map(checkJson),
  };
}

function checkJson(c: CheckReport): Record<string, unknown> {
  return {
    check: c.check,
    kind: c.kind,
    line: c.line,
    column: c.column,
    state: c.state,
    last: c.last,
    response_seconds: c.responseSeconds,
    responded_at: c.respondedAt,
    checked_at: c.checkedAt,
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
