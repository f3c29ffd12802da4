// Placeholder until the engine lands (same file, same signature).
import type { LogView, LogViewOptions } from './types.js';

export function openLogView(dir: string, _options: LogViewOptions = {}): LogView {
  throw new Error(`openLogView(${dir}): not implemented yet`);
}
