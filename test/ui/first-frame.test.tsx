// The plain first frame drawn before Ink loads must be the very screen Ink draws next: same
// characters on every row, at 120×40 and at 80×24.
import { afterEach, describe, expect, it } from 'vitest';
import { firstFrame } from '../../src/console/first-frame.js';
import { App } from '../../src/ui/App.js';
import { fixedLog, fixedServices, MessageStore, NOW } from './fixtures.js';
import { renderAt, type Screen } from './harness.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''); // eslint-disable-line no-control-regex

describe('first frame', () => {
  for (const [columns, rows] of [
    [120, 40],
    [80, 24],
  ] as const) {
    it(`matches Ink's first frame at ${columns}×${rows}`, () => {
      const services = fixedServices();
      const log = fixedLog();
      screen = renderAt(
        <App
          services={services}
          messages={new MessageStore()}
          log={log}
          zones={['Etc/UTC', 'UTC']}
          title="/t"
          mode="attached"
          readOnly={false}
          noColor
          now={() => NOW}
          tickMs={0}
          onEffect={() => undefined}
          onView={() => undefined}
          onVisible={() => undefined}
        />,
        columns,
        rows,
      );
      const ink = screen.lines().map((l) => l.trimEnd());
      const bytes = firstFrame({
        columns,
        rows,
        mode: 'attached',
        readOnly: false,
        title: '/t',
        zone: 'Etc/UTC',
        services: services.getSnapshot().rows,
        log: log.getSnapshot(),
        nowMs: NOW,
        noColor: false,
      });
      expect(bytes.startsWith('\x1b[H') && bytes.endsWith('\x1b[H')).toBe(true);
      const mine = plain(bytes)
        .split('\r\n')
        .map((l) => l.trimEnd());
      expect(mine).toEqual(ink);
    });
  }
});
