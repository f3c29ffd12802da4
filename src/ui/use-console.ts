// The console's one hook: the controller's screen (an external store), keys to the controller,
// the terminal's size to the controller. Every subscription is undone on unmount.
import { useInput, useStdout } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import type { KeyInfo } from '../screen/keymap.js';
import type { Screen } from '../screen/screen.js';

/** What the Ink layer needs of the console's controller. */
export interface ConsolePort {
  subscribe(listener: () => void): () => void;
  getScreen(): Screen;
  keys(input: string, key: KeyInfo): void;
  resize(columns: number, rows: number): void;
}

export function useConsole(console: ConsolePort): Screen {
  const screen = useSyncExternalStore(console.subscribe, console.getScreen);
  useInput((input, key) => console.keys(input, key));
  const { stdout } = useStdout();
  useEffect(() => {
    const onResize = () => console.resize(stdout.columns || 80, stdout.rows || 24);
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, console]);
  return screen;
}
