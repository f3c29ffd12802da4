// The lint rules of `svtui check`: a pure function of the tree description (tree.ts) to findings,
// each naming the file it is about. What each rule guards against is what the real svscan and
// supervise do with such a tree (spec §1.2, §1.3, §2.1, §2.4).
import { errorText } from '../codec/errors.js';
import { multilogScript } from './log-run.js';
import { logviewProblems } from './logview-rules.js';
import { alertHookProblems, monitorProblems, monitrcProblems } from './monitor-rules.js';
import { multilogProblems, parentProblems } from './multilog-rules.js';
import { settingProblems } from './service-file-rules.js';
import {
  logDown,
  RUN_WRITABLE,
  SERVICE_WRITABLE,
  svtuiNotOnPath,
  TREE_WRITABLE,
  unexecdRun,
  worldWritable,
} from './run-rules.js';
import type { FileInfo, Finding, ServiceEntry, ServiceFiles, Tree } from './tree.js';

/** The tree's own settings (monitrc, logview, the alert hook): svscan and runsvdir skip it, as meant. */
const SETTINGS_DIR = '.svtui';

/** daemontools svscan supervises at most this many services (spec §1.2). */
const SVSCAN_LIMIT = 1000;

export function checkTree(tree: Tree): Finding[] {
  const at = (name: string) =>
    tree.dir.endsWith('/') ? `${tree.dir}${name}` : `${tree.dir}/${name}`;
  const findings: Finding[] = [
    ...worldWritable(tree.dir, { type: 'directory', mode: tree.mode }, TREE_WRITABLE),
  ];
  if (tree.ownRun.type !== 'missing') {
    findings.push({
      path: at('run'),
      message: 'this looks like one service, not a tree of services: svscan would ignore it',
    });
  }
  for (const entry of tree.entries) {
    findings.push(...checkEntry(entry, at(entry.name), tree.svtuiOnPath));
  }
  findings.push(
    ...monitrcProblems(at('.svtui/monitrc'), tree.monitrc),
    ...logviewProblems(at('.svtui/logview'), tree.logview),
    ...alertHookProblems(at('.svtui/alert'), tree.alert),
  );
  const count = serviceCount(tree);
  if (count > SVSCAN_LIMIT) {
    findings.push({
      path: tree.dir,
      message: `${count} services: svscan starts at most ${SVSCAN_LIMIT} ("running too many services")`,
    });
  }
  return findings;
}

/** How many entries svscan would supervise. */
export function serviceCount(tree: Tree): number {
  return tree.entries.filter((e) => !e.name.startsWith('.') && e.entry.type === 'directory').length;
}

function checkEntry(entry: ServiceEntry, path: string, svtuiOnPath?: boolean): Finding[] {
  const at = (message: string): Finding[] => [{ path, message }];
  if (entry.name === SETTINGS_DIR) return [];
  if (entry.name.startsWith('.')) {
    return entry.entry.type === 'directory'
      ? at('skipped by svscan: names starting with . are never supervised')
      : [];
  }
  if (entry.entry.type === 'dangling') {
    return at(`dangling symlink to ${entry.entry.target}: svscan warns "unable to stat" every 5 s`);
  }
  if (entry.entry.type === 'error') return at(`unable to stat: ${errorText(entry.entry.code)}`);
  const service = entry.service;
  if (!service) return [];
  const findings = [
    ...worldWritable(path, entry.entry, SERVICE_WRITABLE),
    ...checkFiles(service, path),
    ...monitorProblems(`${path}/monitor`, service.monitor),
  ];
  const log = service.log;
  if (log.type === 'directory' && service.logFiles) {
    findings.push(...worldWritable(`${path}/log`, log, SERVICE_WRITABLE));
    findings.push(...checkFiles(service.logFiles, `${path}/log`));
    findings.push(...logDown(`${path}/log/down`, service.logFiles.down));
    const logRun = service.logFiles.run;
    findings.push(...svtuiNotOnPath(`${path}/log/run`, logRun, svtuiOnPath));
    const script = logRun.type === 'file' ? multilogScript(logRun.head) : undefined;
    if (script) {
      const problems = [
        ...multilogProblems(script),
        ...parentProblems(script, service.logParents ?? {}),
      ];
      for (const message of problems) {
        findings.push({ path: `${path}/log/run`, message });
      }
    }
  } else if (log.type === 'dangling') {
    findings.push({
      path: `${path}/log`,
      message: `dangling symlink to ${log.target}: the service is not logged`,
    });
  } else if (log.type !== 'missing') {
    findings.push({
      path: `${path}/log`,
      message: 'not a directory: svscan pipes the service to it, and supervise log fails every 5 s',
    });
  }
  return findings;
}

function checkFiles(files: ServiceFiles, path: string): Finding[] {
  const findings: Finding[] = [];
  const add = (name: string, message: string | undefined) => {
    if (message !== undefined) findings.push({ path: `${path}/${name}`, message });
  };
  add('run', runProblem(files.run));
  const run = `${path}/run`;
  if (findings.length === 0) {
    findings.push(...worldWritable(run, files.run, RUN_WRITABLE), ...unexecdRun(run, files.run));
  }
  add('down', downProblem(files.down));
  add('supervise', superviseProblem(files.supervise));
  for (const [name, consequence] of HELPERS) {
    const info = files[name];
    if (!info || info.type === 'missing') continue;
    const problem = runProblem(info);
    if (problem !== undefined) add(name, `${problem}: ${consequence}`);
  }
  findings.push(...settingProblems(files.settings, path));
  return findings;
}

/** The programs beside run, and what is lost when one cannot be run. */
const HELPERS: ['finish' | 'check', string][] = [
  ['finish', 'it fails after every exit of run (runsv, s6-supervise and svtui scan run it then)'],
  ['check', 'readiness is never seen (svtui scan and sv poll it after a start)'],
];

function runProblem(run: FileInfo): string | undefined {
  switch (run.type) {
    case 'missing':
      return 'missing: supervise fails every second with "unable to start run"';
    case 'dangling':
      return `dangling symlink to ${run.target}: supervise cannot start it`;
    case 'directory':
      return 'is a directory: supervise cannot start it';
    case 'other':
      return 'not a regular file';
    case 'error':
      return `unable to stat: ${errorText(run.code)}`;
    case 'file':
      if (!run.executable) return 'not executable';
      if (run.head.startsWith('\x7fELF')) return undefined;
      if (!run.head.startsWith('#!')) return 'no #! line: exec fails with "exec format error"';
      if (/^[^\n]*\r/.test(run.head)) {
        return 'the #! line ends in a carriage return (DOS line endings): exec finds no interpreter';
      }
      if (run.interpreter && !run.interpreter.executable) {
        return `interpreter ${run.interpreter.path} is missing or not executable`;
      }
      return undefined;
  }
}

function downProblem(down: FileInfo): string | undefined {
  if (down.type === 'dangling') {
    return `dangling symlink to ${down.target}: supervise treats the service as normally up`;
  }
  if (down.type === 'missing' || down.type === 'file') return undefined;
  if (down.type === 'error')
    return `unable to stat: ${errorText(down.code)}: supervise refuses to start`;
  return down.type === 'directory' ? 'is a directory, not a regular file' : 'not a regular file';
}

function superviseProblem(supervise: FileInfo): string | undefined {
  if (supervise.type === 'dangling') {
    return `dangling symlink to ${supervise.target}: only Debian's supervise creates the target`;
  }
  if (supervise.type === 'missing' || supervise.type === 'directory') return undefined;
  return 'not a directory: supervise fails with "unable to acquire supervise/lock"';
}
