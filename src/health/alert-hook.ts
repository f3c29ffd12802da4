// The tree's alert hook (DIR/.svtui/alert) behind the rate limit (alert-limit.ts): each alert of a
// service either runs the hook in the background — with the event in its environment, the
// monitrc's `set alert` address in SVTUI_ALERT_TO and the count of alerts held back before it in
// SVTUI_ALERTS_HELD (also said in the description) — or is held back, which is recorded at once
// as an `alert-suppressed` event. Runs still going at a stop are given a moment, then killed.
import {
  admit,
  DEFAULT_ALERT_LIMIT,
  initialLimitState,
  windowWords,
  type AlertLimit,
  type LimitState,
} from './alert-limit.js';
import type { HealthEvent } from './event.js';
import { ChildGroups } from './group-timeout.js';
import { runCommand } from './run-command.js';

export interface AlertHookOptions {
  /** The hook's path; a missing hook is not an error (no hook is a valid setup). */
  hook: string;
  /** Where it runs: the tree. */
  cwd: string;
  limit?: AlertLimit;
  /** `set alert ADDRESS`: handed to the hook. */
  to?: string;
  clock: () => number;
  record: (event: HealthEvent) => void;
  warn: (line: string) => void;
}

/** How long a stop waits for hooks still running before it kills them. */
const STOP_WAIT_MS = 2000;

export class AlertHook {
  private readonly limit: AlertLimit;
  private readonly states = new Map<string, LimitState>();
  private readonly groups = new ChildGroups();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: AlertHookOptions) {
    this.limit = options.limit ?? DEFAULT_ALERT_LIMIT;
  }

  /** An alert event of a service, with the environment it would run with. */
  send(event: HealthEvent, env: Record<string, string>): void {
    const { service } = event;
    const { state, admission } = admit(
      this.states.get(service) ?? initialLimitState(),
      this.options.clock(),
      this.limit,
    );
    this.states.set(service, state);
    if (!admission.run) {
      const next = new Date(admission.nextAt).toISOString();
      this.options.record({
        time: new Date(this.options.clock()).toISOString(),
        service,
        kind: 'alert-suppressed',
        ...(event.rule ? { rule: event.rule } : {}),
        text:
          `alert hook not run: ${this.limit.max} runs in ${windowWords(this.limit.windowMs)} ` +
          `already; ${admission.held} held back since the last run; next possible at ${next}`,
        action: 'alert',
        held: admission.held,
      });
      return;
    }
    const full = { ...env };
    if (this.options.to) full.SVTUI_ALERT_TO = this.options.to;
    if (admission.heldBefore > 0) {
      const n = admission.heldBefore;
      const said = ` (and ${n} earlier alert${n === 1 ? '' : 's'} held back by the rate limit)`;
      full.SVTUI_ALERTS_HELD = String(n);
      full.SVTUI_DESCRIPTION = `${full.SVTUI_DESCRIPTION ?? ''}${said}`;
      full.MONIT_DESCRIPTION = `${full.MONIT_DESCRIPTION ?? ''}${said}`;
    }
    const run = runCommand([this.options.hook], {
      cwd: this.options.cwd,
      env: full,
      groups: this.groups,
    }).then(
      (o) => o.ok || o.text === 'missing' || this.options.warn(`${service}: alert hook: ${o.text}`),
    );
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /** Wait a moment for hooks still running, then kill what is left. */
  async stop(): Promise<void> {
    if (this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
      await Promise.race([Promise.all(this.running), waited]);
      clearTimeout(timer);
    }
    this.groups.killAll();
  }
}
