// `svtui status` for people: a header, then one aligned line per service, like `monit summary`
// but with columns that stay put (scripts should read --json; still, the words and their order
// do not change between versions). `-` where a figure is not known. Pure: the rows come in.
import { formatDuration, printable } from '../screen/format.js';
import { displayColumns } from '../screen/hscroll.js';
import type { CheckReport, ServiceReport } from './report.js';

const HEADER = [
  'SERVICE',
  'STATE',
  'PID',
  'UPTIME',
  'CPU',
  'MEM',
  'THREADS',
  'CHILDREN',
  'RESTARTS',
  'CHECKS',
];
/** Columns aligned to the right (numbers). */
const RIGHT = new Set([2, 3, 4, 5, 6, 7, 8]);

export function statusHuman(reports: readonly ServiceReport[]): string {
  const rows = [HEADER, ...reports.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => displayColumns(r[i] ?? ''))));
  const lines = rows.map((row, n) => {
    const problem = n > 0 ? reports[n - 1]?.problem : null;
    const text = row
      .map((cell, i) => {
        if (i === row.length - 1) return cell;
        const pad = ' '.repeat((widths[i] ?? 0) - displayColumns(cell));
        return RIGHT.has(i) ? pad + cell : cell + pad;
      })
      .join('  ');
    return problem ? `${text}  (${printable(problem)})` : text;
  });
  return `${lines.join('\n')}\n`;
}

function cells(r: ServiceReport): string[] {
  const res = r.resources;
  return [
    printable(r.name),
    stateText(r),
    r.inProcess ? 'svtui' : r.pid === null ? '-' : String(r.pid),
    r.uptimeSeconds === null ? '-' : formatDuration(r.uptimeSeconds * 1000),
    res?.cpuPercent === null || !res ? '-' : `${res.cpuPercent.toFixed(1)}%`,
    res ? formatBytes(res.memoryBytes) : '-',
    res ? String(res.threads) : '-',
    res ? String(res.children) : '-',
    r.restarts === null ? '-' : String(r.restarts),
    checksText(r.checks),
  ];
}

/** `up`, `up, not ready`, `down, want up`, `up, want down`, `paused`, `finishing`, … */
export function stateText(r: ServiceReport): string {
  const parts: string[] = [r.state];
  if (r.state === 'up' && r.ready === false) parts.push('not ready');
  if ((r.state === 'down' || r.state === 'finishing') && r.want === 'up') parts.push('want up');
  if ((r.state === 'up' || r.state === 'paused') && r.want === 'down') parts.push('want down');
  return parts.join(', ');
}

/** `-` without rules; `2 ok`; `1 ok, 1 pending`; `failed: port localhost:80 http /, +1`. */
export function checksText(checks: readonly CheckReport[]): string {
  if (checks.length === 0) return '-';
  const failed = checks.filter((c) => c.state === 'failed');
  if (failed.length > 0) {
    const more = failed.length > 1 ? `, +${failed.length - 1}` : '';
    return `failed: ${printable(failed[0]!.check)}${more}`;
  }
  const ok = checks.filter((c) => c.state === 'ok').length;
  const pending = checks.length - ok;
  return [ok > 0 ? `${ok} ok` : '', pending > 0 ? `${pending} pending` : '']
    .filter((s) => s)
    .join(', ');
}

/** 1024-based, one decimal under 100: `812K`, `12.4M`, `1.2G`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 || value >= 100 ? String(Math.round(value)) : value.toFixed(1);
  return `${text}${units[unit]}`;
}
