// Every subcommand: its name, one-line summary, help text, and a loader. Modules are loaded
// lazily so a tool command pays only for what it uses.
import { controlLetters, SVC_LETTERS } from '../codec/letters.js';

/** What a command module exports: run with the arguments after its name, resolve to an exit code. */
export interface CommandModule {
  run(args: string[]): Promise<number>;
}

export interface CommandSpec {
  name: string;
  args: string;
  summary: string;
  help: string;
  load(): Promise<CommandModule>;
}

export const commands: CommandSpec[] = [
  {
    name: 'console',
    args: '[DIR] [--tz ZONE,...]',
    summary: 'the operator console (DIR: $SVDIR, /service, /etc/service)',
    help: [
      'usage: svtui [DIR] [--tz ZONE[,ZONE...]]',
      '',
      'The operator console on the service tree DIR (default: $SVDIR, then /service, then',
      '/etc/service). Attaches to the supervisor that owns the tree (svtui scan, daemontools',
      'svscan/supervise, runit runsvdir/runsv). When none does and DIR was named here, it',
      'supervises the tree in-process (q then asks whether to stop the services); a default',
      'tree nothing supervises is only shown, read-only.',
      '',
      '  --tz ZONE,...   extra zones for the log pane; z cycles TZ (or the system zone), UTC, these',
      '',
      'Press ? in the console for every key.',
      '',
    ].join('\n'),
    load: () => loadModule('console'),
  },
  {
    name: 'scan',
    args: 'DIR',
    summary: 'supervise every service in DIR, in the foreground (svscan + supervise)',
    help: [
      'usage: svtui scan DIR',
      '',
      'Supervise every subdirectory of DIR not starting with a dot, as svscan and supervise do;',
      'rescan every 5 seconds and on SIGHUP. SIGTERM or SIGINT stops every service, then exits.',
      '',
    ].join('\n'),
    load: () => loadModule('scan'),
  },
  {
    name: 'svc',
    args: `-${SVC_LETTERS} SERVICE...`,
    summary: 'send control commands to supervised services (svc)',
    help: [
      `usage: svtui svc -${SVC_LETTERS} SERVICE...`,
      '',
      ...controlLetters.map((l) => `  -${l.letter} ${l.name.padEnd(10)}${l.does}`),
      '',
    ].join('\n'),
    load: () => loadModule('svc'),
  },
  {
    name: 'svstat',
    args: 'SERVICE...',
    summary: 'print the status of services (svstat)',
    help: 'usage: svtui svstat SERVICE...\n\nOne status line per service, as daemontools svstat prints it.\n',
    load: () => loadModule('svstat'),
  },
  {
    name: 'multilog',
    args: 'SCRIPT...',
    summary: 'write stdin to automatically rotated log directories (multilog)',
    help: [
      'usage: svtui multilog SCRIPT...',
      '',
      'Actions, as multilog: t (timestamp, first only), sSIZE, nNUM, !PROCESSOR, -PATTERN,',
      '+PATTERN, e (alert to stderr), =FILE (status), ./dir or /dir (log directory).',
      '',
    ].join('\n'),
    load: () => loadModule('multilog'),
  },
  {
    name: 'tai64n',
    args: '',
    summary: 'prefix each line of stdin with a TAI64N label (tai64n)',
    help: 'usage: svtui tai64n\n\nPrefix each line of stdin with the TAI64N label of the time it was read.\n',
    load: () => loadModule('tai64n'),
  },
  {
    name: 'tai64nlocal',
    args: '[--tz ZONE]',
    summary: 'decode TAI64N labels at line starts into local time (tai64nlocal)',
    help: [
      'usage: svtui tai64nlocal [--tz ZONE]',
      '',
      'Replace a TAI64N label at the start of each line with a readable time in the zone TZ',
      '(or --tz ZONE): an IANA name, UTC, or right/NAME for clocks that count leap seconds.',
      'Lines without a valid label pass through unchanged.',
      '',
    ].join('\n'),
    load: () => loadModule('tai64nlocal'),
  },
  {
    name: 'check',
    args: 'DIR',
    summary: 'lint a service tree before it goes live',
    help: [
      'usage: svtui check DIR',
      '',
      'Report problems in a service tree: run missing, not executable or without #!; log/',
      'without an executable log/run; a multilog script multilog would reject; world-writable',
      'run files and service directories; a log/down; svtui not on PATH; and more. Warnings',
      "(a run whose program is not exec'd, ...) say `warning:`.",
      'One line per finding; exit 1 when any is a problem, 0 when there are only warnings.',
      '',
    ].join('\n'),
    load: () => loadModule('check'),
  },
  {
    name: 'monitor',
    args: 'DIR',
    summary: 'health checks, resource rules, history and alerts for a tree svscan/runsvdir/s6 owns',
    help: [
      'usage: svtui monitor DIR',
      '',
      "What svtui scan's health engine does, for a tree daemontools' svscan, runit's runsvdir or",
      "s6's s6-svscan supervises: each service's monitor file (monit's if ... then ... rules),",
      'DIR/.svtui/monitrc (set daemon N, set alert ADDRESS with reminder on N cycles) and the',
      'DIR/.svtui/alert hook. Restarts, stops and starts go through supervise/control as svc sends',
      "them; events, rule state and resource history are kept in each service's supervise/.",
      'Services are rescanned every 5 s, statuses read every second, resources every 2 s.',
      'The alert hook runs at most 5 times per service in 10 minutes; held-back alerts are',
      'recorded as alert-suppressed events and counted to the next run.',
      '',
      'In the foreground; SIGTERM or SIGINT stops it (running checks are killed). Refuses, in one',
      'line, a tree svtui scan runs, a tree it may not write in, and a second monitor.',
      '',
    ].join('\n'),
    load: () => loadModule('monitor'),
  },
  {
    name: 'status',
    args: '[--json|--prometheus] [SERVICE...|DIR]',
    summary: 'state, resources, checks and restarts of services (monit status)',
    help: [
      'usage: svtui status [--json|--prometheus] [SERVICE...|DIR]',
      '',
      'One line per service: state, pid, uptime, CPU % of one core, resident memory, threads,',
      'children, restarts and its monitor checks. SERVICE is a service directory (it has a run',
      'file or supervise/); any other DIR is a tree: each service in it, then its NAME/log.',
      'Default: $SVDIR, then /service, then /etc/service. Works under svtui scan, svscan,',
      "runsvdir and s6-svscan; without svtui's resource history, /proc is read twice, 250 ms",
      'apart.',
      '',
      '  --json         one JSON document, schema 1 (docs/status-schema.md)',
      '  --prometheus   node_exporter textfile format (svtui_service_up{service="..."} ...)',
      '',
      'Exit 0 when every service is as its supervisor wants it (up when wanted up, down when',
      'wanted down, not paused) and no check failed; 1 otherwise; 100 for a bad argument.',
      '',
    ].join('\n'),
    load: () => loadModule('status'),
  },
  {
    name: 'events',
    args: '[--json] [--follow] [--tz ZONE] [SERVICE...|DIR]',
    summary: 'the event history of services, merged in time order',
    help: [
      'usage: svtui events [--json] [--follow] [--tz ZONE] [SERVICE...|DIR]',
      '',
      "Every event in the services' supervise/svtui-events (and the rotated .old file): check",
      'failures and recoveries, actions, alerts, exits, starts, stops, rule loads. One line each,',
      'merged in time order: time (in TZ, or --tz ZONE), service, kind, what happened.',
      'SERVICE and DIR as for svtui status; default: $SVDIR, then /service, then /etc/service.',
      '',
      '  --json          the JSON lines as written (schema: docs/status-schema.md)',
      '  -f, --follow    keep printing new events as they are written, across rotations,',
      '                  until interrupted',
      '  --tz ZONE       the zone for times: an IANA name, UTC, or right/NAME',
      '',
    ].join('\n'),
    load: () => loadModule('events'),
  },
];

/** Import `./NAME.js` beside this file when the command runs (not before). */
async function loadModule(file: string): Promise<CommandModule> {
  const url = new URL(`./${file}.js`, import.meta.url).href;
  return (await import(url)) as CommandModule;
}

export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((c) => c.name === name);
}

export function usageLine(c: CommandSpec): string {
  const head = c.name === 'console' ? 'svtui' : `svtui ${c.name}`;
  return c.args ? `${head} ${c.args}` : head;
}
