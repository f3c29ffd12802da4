// Ink 6.8 composes every frame character by character: it allocates a width × height grid of
// cell objects, tokenizes every line's ANSI codes into styled characters (its cache of them lives
// in the per-frame Output object and dies with it), then turns each row back into a string. On a
// 120×40 console that was 20–30 ms of CPU and most of the garbage of every key (measured with
// --cpu-prof: ansi-tokenize, output.js and the collector took ~80 % of a key).
//
// The console's screen model already hands Ink one full-width line per row, each a single <Text>
// at column 0 (ui/Lines.tsx). For such a frame the grid is the identity: row y is the text
// written at y. This wraps Ink's (private) Output.get with that fast path, and falls back to
// Ink's own composition — with one bounded line cache kept across frames — for any frame that is
// not of that shape (a clip, text at another column or on several rows, two texts on one row). If Ink's
// shape is not what this expects, nothing is patched and Ink works as shipped.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface WriteOperation {
  type: 'write';
  x: number;
  y: number;
  text: string;
  transformers: readonly ((line: string, index: number) => string)[];
}
interface InkOutput {
  width: number;
  height: number;
  operations: readonly ({ type: string } | WriteOperation)[];
  caches?: { getStyledChars?: (line: string) => unknown };
  get(): { output: string; height: number };
}
type OutputClass = { prototype: InkOutput } & (new (o: {
  width: number;
  height: number;
}) => InkOutput);

/** Lines whose styled characters are kept across frames (the fallback path). */
const LINE_CACHE_LIMIT = 4096;
let state: 'unpatched' | 'patched' | 'unsupported' = 'unpatched';

/** Patch Ink once; true when the fast path is in place. */
export async function speedUpInkOutput(): Promise<boolean> {
  if (state !== 'unpatched') return state === 'patched';
  state = 'unsupported';
  try {
    const entry = createRequire(import.meta.url).resolve('ink');
    const url = pathToFileURL(entry.replace(/index\.js$/, 'output.js')).href;
    const { default: Output } = (await import(url)) as { default: OutputClass };
    const probe = new Output({ width: 1, height: 1 });
    const original = Output.prototype.get;
    const caches = probe.caches && Object.getPrototypeOf(probe.caches);
    if (typeof original !== 'function' || !Array.isArray(probe.operations)) return false;
    if (caches && typeof caches.getStyledChars === 'function') shareLineCache(caches);
    Output.prototype.get = function (this: InkOutput) {
      return fastFrame(this) ?? original.call(this);
    };
    state = 'patched';
    return true;
  } catch {
    return false;
  }
}

/** The frame when every write is one line at column 0, one per row; else undefined. */
export function fastFrame(output: Pick<InkOutput, 'height' | 'operations'>):
  | {
      output: string;
      height: number;
    }
  | undefined {
  const rows: string[] = new Array<string>(output.height).fill('');
  const written = new Uint8Array(output.height);
  for (const op of output.operations) {
    if (op.type !== 'write') return undefined;
    const write = op as WriteOperation;
    if (write.x !== 0 || write.text.includes('\n')) return undefined;
    if (write.y < 0 || write.y >= output.height) continue;
    if (written[write.y]) return undefined;
    written[write.y] = 1;
    // As Ink does: a <Text>'s own style (colour, bold, inverse) is applied to the written line.
    let line = write.text;
    for (const transform of write.transformers) line = transform(line, 0);
    rows[write.y] = trimEndOutsideCodes(line);
  }
  return { output: rows.join('\n'), height: output.height };
}

/** Trailing spaces go, as Ink trims each row; spaces inside a styled span (inverse) stay. */
function trimEndOutsideCodes(text: string): string {
  return text.endsWith(' ') ? text.trimEnd() : text;
}

function shareLineCache(caches: { getStyledChars?: (line: string) => unknown }): void {
  const make = caches.getStyledChars!;
  const shared = new Map<string, unknown>();
  caches.getStyledChars = function (this: unknown, line: string) {
    let chars = shared.get(line);
    if (chars === undefined) {
      chars = make.call(this, line);
      if (shared.size >= LINE_CACHE_LIMIT) shared.clear();
      shared.set(line, chars);
    }
    return chars;
  };
}
