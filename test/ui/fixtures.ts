// A fixed service tree for component tests: three services in known states at a fixed clock.
import { timeFromMillis } from '../../src/codec/tai64n.js';
import { LogPaneStore } from '../../src/store/log-pane-store.js';
import { MessageStore } from '../../src/store/message-store.js';
import type { Observation } from '../../src/store/model.js';
import { ServiceStore } from '../../src/store/service-store.js';

export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

export function up(pid: number, sinceMs: number, extra: Partial<Observation> = {}): Observation {
  return {
    supervised: true,
    normallyUp: true,
    sinceMs,
    status: {
      since: timeFromMillis(sinceMs),
      pid,
      paused: false,
      want: 'up',
      gotTerm: false,
      state: 'run',
    },
    ...extra,
  };
}

export function down(sinceMs: number, normallyUp = false): Observation {
  return {
    supervised: true,
    normallyUp,
    sinceMs,
    status: {
      since: timeFromMillis(sinceMs),
      pid: 0,
      paused: false,
      want: 'down',
      gotTerm: false,
      state: 'down',
    },
  };
}

/** Services alpha (up 2 h), beta (up 3 s: fresh), gamma (down, normally down), synchronously notified. */
export function fixedServices(): ServiceStore {
  const store = new ServiceStore((flush) => flush());
  store.setServices([
    { name: 'gamma', dir: '/t/gamma' },
    { name: 'alpha', dir: '/t/alpha' },
    { name: 'beta', dir: '/t/beta' },
  ]);
  store.observe('alpha', up(4412, NOW - 2 * 3600_000), NOW);
  store.observe('beta', up(977, NOW - 3000, { history: { starts: 4, lastExit: 'exit 1' } }), NOW);
  store.observe('gamma', down(NOW - 60_000), NOW);
  return store;
}

export function fixedLog(): LogPaneStore {
  return new LogPaneStore(
    {
      title: '/t/alpha/log/main/current',
      lines: ['2026-11-23 12:00:00.000000000 hello', '2026-11-23 12:00:01.000000000 world'],
      where: 'following',
    },
    (flush) => flush(),
  );
}

export { MessageStore };
