// The whole console at a fixed size with a fixed clock: an in-memory source, the real stores,
// controller and Ink components, drawn into a fake terminal.
import { ConsoleController } from '../../src/console/controller.js';
import type { Access } from '../../src/source/port.js';
import { MessageStore } from '../../src/store/message-store.js';
import { ServiceStore } from '../../src/store/service-store.js';
import { resolveZone } from '../../src/time/zone.js';
import { App } from '../../src/ui/App.js';
import { fixedSource, NOW, type FakeSource } from '../console/fake-source.js';
import { renderAt, type Screen } from './harness.js';

export interface Mounted {
  screen: Screen;
  source: FakeSource;
  messages: MessageStore;
  controller: ConsoleController;
  quits: boolean[];
}

export const ZONES = ['Etc/UTC', 'UTC', 'Asia/Kolkata'];

export async function consoleParts(
  columns: number,
  rows: number,
  options: { access?: Access; source?: FakeSource; noColor?: boolean; detailEveryMs?: number } = {},
) {
  const source = options.source ?? fixedSource(options.access);
  const access = options.access ?? (await source.access());
  const services = new ServiceStore((flush) => flush());
  services.setServices(await source.list());
  source.watch((change) => services.apply(change));
  const messages = new MessageStore();
  const quits: boolean[] = [];
  const controller = new ConsoleController({
    source,
    services,
    messages,
    access,
    zones: ZONES.map((z) => resolveZone(z, {}).zone),
    noColor: options.noColor ?? true,
    now: () => NOW,
    size: { columns, rows },
    tickMs: 0,
    ...(options.detailEveryMs !== undefined ? { detailEveryMs: options.detailEveryMs } : {}),
    onQuit: (stop) => quits.push(stop),
  });
  await controller.start();
  return { source, messages, controller, quits };
}

export async function mountConsole(
  columns: number,
  rows: number,
  options: { access?: Access; source?: FakeSource; noColor?: boolean; detailEveryMs?: number } = {},
): Promise<Mounted> {
  const parts = await consoleParts(columns, rows, options);
  const screen = renderAt(<App console={parts.controller} />, columns, rows);
  return { screen, ...parts };
}

/** The log directory the pane shows (so: which service is selected). */
export function shownLog(screen: Screen): string | undefined {
  return /log (\S+)\/log\/main /.exec(screen.frame())?.[1];
}
