// Rendering the console's components into a fake terminal of a fixed size: every frame Ink
// writes is kept, keys are typed into a fake stdin. (ink-testing-library fixes the width at 100
// columns and has no rows; the console's layout needs both.)
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactNode } from 'react';
import { speedUpInkOutput } from '../../src/ui/ink-fast-output.js';

// As the console runs: Ink writes the screen model's rows as they are (src/ui/ink-fast-output.ts).
await speedUpInkOutput();

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const data = this.data;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface Screen {
  /** The last frame as text, without its colour codes. */
  frame(): string;
  /** The last frame's rows as text, without their colour codes. */
  lines(): string[];
  /** The same rows with their terminal codes. */
  styledLines(): string[];
  type(keys: string): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  unmount(): void;
}

export const keys = {
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  up: '\x1b[A',
  down: '\x1b[B',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
};

/** Text without its SGR codes. */
export const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''); // eslint-disable-line no-control-regex

export function tick(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function renderAt(node: ReactNode, columns: number, rows: number): Screen {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(node, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const styled = () => stdout.frames.at(-1) ?? '';
  const frame = () => plain(styled());
  return {
    frame,
    lines: () => frame().split('\n'),
    styledLines: () => styled().split('\n'),
    async type(text: string) {
      stdin.write(text);
      await tick();
    },
    async resize(c: number, r: number) {
      stdout.resize(c, r);
      await tick();
    },
    unmount: () => instance.unmount(),
  };
}
