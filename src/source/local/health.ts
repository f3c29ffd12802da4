// A service's health as the console shows it, from what the health engine (svtui scan, or
// `svtui monitor` beside another supervisor) leaves in the service's directory: the `monitor`
// file (are there rules at all), supervise/svtui-monitor.json (each rule's state, saved every
// cycle: how fresh it is says whether an engine runs them) and supervise/svtui-events (alerts,
// `unmonitor` actions, rule reloads, probe times). A look costs a few stats when nothing changed;
// the state file is parsed again only when it changed, and the events are read from where the
// last look stopped (only whole new lines; a rotation starts over).
import { closeSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Saved } from '../../health/engine.js';
import { decodeEvent, type HealthEvent } from '../../health/event.js';
import { EVENTS_FILE } from '../../health/event-log.js';
import { loadState, STATE_FILE } from '../../health/state-file.js';
import { parseMonitrc } from '../../monitor/parse-monitrc.js';
import { checksOf } from '../../status/checks.js';
import type { AlertFacts, HealthFacts, ServiceId } from '../port.js';
import { healthOf, type EventFindings } from './health-facts.js';

/** The files in supervise/ whose change is news about health, not about the status. */
export const HEALTH_FILES: ReadonlySet<string> = new Set([
  STATE_FILE,
  `${STATE_FILE}.new`,
  EVENTS_FILE,
  `${EVENTS_FILE}.old`,
]);

export interface HealthPorts {
  emit(id: ServiceId, health: HealthFacts, atMs: number): void;
  /** Unix ms. */
  now(): number;
}

interface Known {
  stateStamp: string;
  saved: Saved | undefined;
  stateMtimeMs: number | undefined;
  eventsIno: number;
  eventsOffset: number;
  findings: EventFindings;
  shown: string;
  busy: boolean;
  again: boolean;
}

export class HealthWatch {
  private readonly known = new Map<ServiceId, Known>();
  /**
   * `set daemon N` of the tree's .svtui/monitrc: a state older than 3 cycles is not being run.
   * Read at the first look, not before the console's first frame.
   */
  private cycleMs: number | undefined;

  constructor(
    private readonly root: string,
    private readonly ports: HealthPorts,
  ) {}

  /** Look at service `id` (directory `dir`); tells `emit` when what it shows changed. */
  check(id: ServiceId, dir: string): void {
    let known = this.known.get(id);
    if (!known) {
      known = {
        stateStamp: '',
        saved: undefined,
        stateMtimeMs: undefined,
        eventsIno: 0,
        eventsOffset: 0,
        findings: { probes: new Map() },
        shown: '',
        busy: false,
        again: false,
      };
      this.known.set(id, known);
    }
    if (known.busy) {
      known.again = true;
      return;
    }
    known.busy = true;
    void this.look(id, dir, known).finally(() => {
      known.busy = false;
      if (known.again) {
        known.again = false;
        this.check(id, dir);
      }
    });
  }

  forget(id: ServiceId): void {
    this.known.delete(id);
  }

  private async look(id: ServiceId, dir: string, known: Known): Promise<void> {
    const now = this.ports.now();
    const hasRules = statOf(join(dir, 'monitor')) !== undefined;
    let health: HealthFacts;
    if (!hasRules) health = healthOf({ hasRules: false, findings: known.findings, now });
    else {
      const supervise = join(dir, 'supervise');
      const state = statOf(join(supervise, STATE_FILE));
      const stamp = state ? `${state.ino}:${state.size}:${state.mtimeMs}` : '';
      if (stamp !== known.stateStamp) {
        known.stateStamp = stamp;
        known.saved = state ? await loadState(supervise) : undefined;
        known.stateMtimeMs = state?.mtimeMs;
      }
      readNewEvents(supervise, known);
      const probes = [...known.findings.probes.values()];
      health = healthOf({
        hasRules: true,
        saved: known.saved,
        checks: known.saved ? checksOf(known.saved, probes, known.stateMtimeMs ?? null) : [],
        stateAgeMs: known.stateMtimeMs === undefined ? undefined : now - known.stateMtimeMs,
        staleAfterMs: staleAfterMs((this.cycleMs ??= treeCycleMs(this.root))),
        findings: known.findings,
        now,
      });
    }
    const shown = JSON.stringify(health);
    if (shown === known.shown) return;
    known.shown = shown;
    this.ports.emit(id, health, now);
  }
}

/** The health engine's cycle for a tree (`set daemon N` of .svtui/monitrc), ms. */
export function treeCycleMs(root: string): number {
  const file = join(root, '.svtui', 'monitrc');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // no settings: monit's default cycle
  }
  return parseMonitrc(text, file).settings.cycleSeconds * 1000;
}

/** A saved state older than this is not being run by any engine. */
export function staleAfterMs(cycleMs: number): number {
  return Math.max(3 * cycleMs, 15_000);
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * The events written since the last look: only the new bytes of svtui-events when it grew; the
 * rotated file and the new one in full when it was replaced (and on the first look).
 */
function readNewEvents(supervise: string, known: Known): void {
  const path = join(supervise, EVENTS_FILE);
  const st = statOf(path);
  if (!st) return;
  if (st.ino === known.eventsIno && st.size === known.eventsOffset) return;
  if (st.ino !== known.eventsIno || st.size < known.eventsOffset) {
    if (known.eventsIno === 0) scan(readFrom(`${path}.old`, 0), known.findings);
    known.eventsIno = st.ino;
    known.eventsOffset = 0;
  }
  const text = readFrom(path, known.eventsOffset);
  const end = text.lastIndexOf('\n'); // a line still being written waits for the next look
  if (end < 0) return;
  scan(text.slice(0, end), known.findings);
  known.eventsOffset += Buffer.byteLength(text.slice(0, end + 1));
}

/** The file's text from byte `offset` to its end ('' when it cannot be read). */
function readFrom(path: string, offset: number): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const chunks: Buffer[] = [];
    let at = offset;
    for (;;) {
      const buffer = Buffer.alloc(64 * 1024);
      const n = readSync(fd, buffer, 0, buffer.length, at);
      if (n <= 0) break;
      chunks.push(buffer.subarray(0, n));
      at += n;
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** What the console keeps of the events: only lines of these kinds are decoded. */
function scan(text: string, findings: EventFindings): void {
  for (const line of text.split('\n')) {
    if (
      !line.includes('"kind":"alert"') &&
      !line.includes('"kind":"action"') &&
      !line.includes('"kind":"rules-loaded"') &&
      !line.includes('"probe":')
    )
      continue;
    const decoded = decodeEvent(line);
    if ('event' in decoded) note(decoded.event, findings);
  }
}

function note(event: HealthEvent, findings: EventFindings): void {
  const atMs = Date.parse(event.time);
  if (event.kind === 'alert') findings.lastAlert = alertOf(event, atMs);
  if (event.kind === 'action' && event.action === 'unmonitor') findings.unmonitoredAtMs = atMs;
  if (event.kind === 'rules-loaded') findings.loadedAtMs = atMs;
  if (event.probe && event.rule)
    findings.probes.set(`${event.rule.line}:${event.rule.column}`, event);
}

function alertOf(event: HealthEvent, atMs: number): AlertFacts {
  return { atMs, service: event.service, text: event.text };
}
