// Switching between services keeps each one's place in its log.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogPlaces } from '../../src/logview/index.js';
import { tempDir } from '../support/tools.js';

const root = tempDir('svtui-logplaces-');
function logDir(name: string, count: number): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'current'),
    Array.from({ length: count }, (_, i) => `${name} ${i + 1}\n`).join(''),
  );
  return dir;
}

describe('LogPlaces', () => {
  it('reopens each service where it was left, following ones at the new tail', () => {
    const alpha = logDir('alpha', 50);
    const beta = logDir('beta', 50);
    const places = new LogPlaces({ view: { rows: 3, watch: false } });
    const a = places.select(alpha);
    a.pageUp();
    a.pageUp();
    expect(a.lines()).toEqual(['alpha 42', 'alpha 43', 'alpha 44']);
    const b = places.select(beta);
    expect(b.following).toBe(true);
    expect(b.lines()).toEqual(['beta 48', 'beta 49', 'beta 50']);
    appendFileSync(join(alpha, 'current'), 'alpha 51\n');
    appendFileSync(join(beta, 'current'), 'beta 51\n');
    const a2 = places.select(alpha);
    expect(a2.lines()).toEqual(['alpha 42', 'alpha 43', 'alpha 44']);
    expect(a2.following).toBe(false);
    const b2 = places.select(beta);
    expect(b2.lines()).toEqual(['beta 49', 'beta 50', 'beta 51']);
    expect(places.select(beta, 2)).toBe(b2);
    expect(b2.lines()).toEqual(['beta 50', 'beta 51']);
    places.close();
    expect(places.current()).toBeUndefined();
  });
});
