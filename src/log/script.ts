// multilog's script (spec §4.1): one action per argument, classified by its first character.
// `s`, `n` and `!` set what the directories after them use; `t` counts only as the first word;
// anything unrecognised is ignored, as multilog ignores it.

export const DEFAULT_SIZE = 99999;
export const MIN_SIZE = 4096;
export const MAX_SIZE = 16777215;
export const DEFAULT_COUNT = 10;

export type Action =
  | { kind: 'deselect'; pattern: Buffer }
  | { kind: 'select'; pattern: Buffer }
  | { kind: 'alert' }
  | { kind: 'status'; path: string }
  | { kind: 'directory'; path: string; size: number; count: number; processor?: string };

export interface Script {
  timestamp: boolean;
  actions: Action[];
}

const ULONG = 1n << 64n;

/** multilog's scan_ulong: the leading decimal digits (none: 0), wrapping modulo 2^64 as an
 * unsigned long does (`s18446744073709551617000` is s1000, leading zeros count for nothing). */
export function leadingNumber(text: string): number {
  let value = 0n;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    value = (value * 10n + BigInt(digit)) % ULONG;
  }
  return Number(value);
}

export function clampSize(value: number): number {
  return Math.min(MAX_SIZE, Math.max(MIN_SIZE, value));
}

export function parseScript(args: readonly string[]): Script {
  const actions: Action[] = [];
  let size = DEFAULT_SIZE;
  let count = DEFAULT_COUNT;
  let processor: string | undefined;
  for (const arg of args) {
    const rest = arg.slice(1);
    switch (arg[0]) {
      case 's':
        size = clampSize(leadingNumber(rest));
        break;
      case 'n':
        count = Math.max(2, leadingNumber(rest));
        break;
      case '!':
        processor = rest;
        break;
      case '-':
        actions.push({ kind: 'deselect', pattern: Buffer.from(rest) });
        break;
      case '+':
        actions.push({ kind: 'select', pattern: Buffer.from(rest) });
        break;
      case 'e':
        actions.push({ kind: 'alert' });
        break;
      case '=':
        actions.push({ kind: 'status', path: rest });
        break;
      case '.':
      case '/':
        actions.push({
          kind: 'directory',
          path: arg,
          size,
          count,
          ...(processor === undefined ? {} : { processor }),
        });
        break;
      default:
      // anything else is ignored, as multilog ignores it (spec §4.1)
    }
  }
  return { timestamp: args[0]?.startsWith('t') ?? false, actions };
}

/** Whether any action looks at a line's bytes; if not, every directory takes every line whole. */
export function needsLineHead(script: Script): boolean {
  return script.actions.some((a) => a.kind !== 'directory');
}
