import { readFileSync } from 'node:fs';

/** The package version, read from package.json beside dist/ (works from a clone and a global install). */
export function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const parsed = JSON.parse(text) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}
