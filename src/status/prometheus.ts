// `svtui status --prometheus`: the Prometheus text exposition format (version 0.0.4), as
// node_exporter's textfile collector reads it: each family's `# HELP` and `# TYPE` once, then all
// its samples; label values escaped (`\\`, `\"`, `\n`). A figure that is not known (a service
// down, a check not judged yet) has no sample rather than a made-up 0. Pure.
import type { ServiceReport } from './report.js';

interface Family {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  samples: (r: ServiceReport) => { labels: [string, string][]; value: number }[];
}

const service = (r: ServiceReport): [string, string][] => [['service', r.name]];
const one = (r: ServiceReport, value: number | null | undefined) =>
  value === null || value === undefined ? [] : [{ labels: service(r), value }];
const running = (r: ServiceReport) => r.state === 'up' || r.state === 'paused';

const FAMILIES: Family[] = [
  {
    name: 'svtui_service_up',
    type: 'gauge',
    help: "1 when the service's main process runs (up or paused), else 0.",
    samples: (r) => one(r, running(r) ? 1 : 0),
  },
  {
    name: 'svtui_service_supervised',
    type: 'gauge',
    help: '1 when a supervisor holds the service directory, else 0.',
    samples: (r) => one(r, r.supervised ? 1 : 0),
  },
  {
    name: 'svtui_service_want_up',
    type: 'gauge',
    help: 'What the supervisor wants: 1 up, 0 down (or once).',
    samples: (r) => one(r, r.want === null ? null : r.want === 'up' ? 1 : 0),
  },
  {
    name: 'svtui_service_as_wanted',
    type: 'gauge',
    help: '1 when the service is as its supervisor wants it and no check failed, else 0.',
    samples: (r) => one(r, r.asWanted ? 1 : 0),
  },
  {
    name: 'svtui_service_uptime_seconds',
    type: 'gauge',
    help: 'Seconds since the main process started.',
    samples: (r) => one(r, r.uptimeSeconds),
  },
  {
    name: 'svtui_service_cpu_percent',
    type: 'gauge',
    help: "CPU used by the service's processes, in percent of one core (top's figure).",
    samples: (r) => one(r, r.resources?.cpuPercent),
  },
  {
    name: 'svtui_service_memory_bytes',
    type: 'gauge',
    help: "Resident memory (RSS) of the service's processes, in bytes.",
    samples: (r) => one(r, r.resources?.memoryBytes),
  },
  {
    name: 'svtui_service_children',
    type: 'gauge',
    help: 'Processes of the service besides its main one.',
    samples: (r) => one(r, r.resources?.children),
  },
  {
    name: 'svtui_service_threads',
    type: 'gauge',
    help: "Threads of the service's processes.",
    samples: (r) => one(r, r.resources?.threads),
  },
  {
    name: 'svtui_service_restarts_total',
    type: 'counter',
    help: 'Restarts since the supervisor began supervising the service (or recorded in its events).',
    samples: (r) => one(r, r.restarts),
  },
  {
    name: 'svtui_check_up',
    type: 'gauge',
    help: "1 while a rule of the service's monitor file holds, 0 once it failed; none before a verdict.",
    samples: (r) =>
      r.checks.flatMap((c) =>
        c.state === 'pending'
          ? []
          : [{ labels: checkLabels(r, c), value: c.state === 'ok' ? 1 : 0 }],
      ),
  },
  {
    name: 'svtui_check_response_seconds',
    type: 'gauge',
    help: "The last recorded time a port or program check's probe took, in seconds.",
    samples: (r) =>
      r.checks.flatMap((c) =>
        c.responseSeconds === null ? [] : [{ labels: checkLabels(r, c), value: c.responseSeconds }],
      ),
  },
];

function checkLabels(r: ServiceReport, c: ServiceReport['checks'][number]): [string, string][] {
  // The line tells apart two rules that read the same (one check, two actions).
  return [...service(r), ['check', c.check], ['line', String(c.line)]];
}

export function statusPrometheus(reports: readonly ServiceReport[]): string {
  const out: string[] = [];
  for (const family of FAMILIES) {
    const samples = reports.flatMap(family.samples);
    if (samples.length === 0) continue;
    out.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    out.push(`# TYPE ${family.name} ${family.type}`);
    for (const s of samples) {
      const labels = s.labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
      out.push(`${family.name}{${labels}} ${formatValue(s.value)}`);
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** A label value: backslash, double quote and line feed escaped, as the format asks. */
export function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** HELP text: backslash and line feed escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

function formatValue(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  return String(n);
}
