// The supervisor's tests where starting a process matters — ./finish and s6's conventions beside
// runsv and s6-supervise, log pipes and both kinds of logger, notification-fd and ./check —
// run again with Node's child_process (SVTUI_SPAWN=node), the way svtui starts services where
// the native starter was not built. The default run of those files covers posix_spawn.
import { expect, it } from 'vitest';
import { spawnKind } from '../../src/supervisor/native-spawn.js';

process.env.SVTUI_SPAWN = 'node';

it('starts services with child_process here', () => {
  expect(spawnKind()).toBe('child_process');
});

// Imported after the switch is set: their tests register in this file and run under it (the
// `svtui scan` processes they start inherit it).
await import('./finish-differential.test.js');
await import('./log.test.js');
await import('./service-files.test.js');
