// Mounting the console with Ink: incremental rendering, no console patching, Ctrl-C handled by
// the keymap (so embedded mode can ask before stopping services).
import { render } from 'ink';
import { App } from './App.js';
import { fixIncrementalFrames } from './incremental-fix.js';
import { speedUpInkOutput } from './ink-fast-output.js';
import type { ConsolePort } from './use-console.js';

export interface Mounted {
  unmount(): void;
}

export async function mountConsole(
  console: ConsolePort,
  stdout: NodeJS.WriteStream,
  stdin: NodeJS.ReadStream,
  onFrame: () => void = () => undefined,
): Promise<Mounted> {
  await speedUpInkOutput();
  const incremental = process.env.SVTUI_FULL_REDRAW === undefined;
  const instance = render(<App console={console} />, {
    stdout: incremental ? fixIncrementalFrames(stdout) : stdout,
    stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: incremental,
    // The controller paces what nobody typed (paceMs); a key's frame is never held for a trailing edge.
    maxFps: 1000,
    onRender: onFrame,
  });
  return { unmount: () => instance.unmount() };
}
