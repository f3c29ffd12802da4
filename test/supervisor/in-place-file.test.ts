import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inPlaceFile } from '../../src/supervisor/files.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a file rewritten in place', () => {
  it('holds exactly the last text written, longer or shorter than the one before', () => {
    dir = mkdtempSync(join(tmpdir(), 'svtui-inplace-'));
    const path = join(dir, 'f');
    const file = inPlaceFile(() => path);
    file.write('a long first version\n');
    file.write('short\n');
    expect(readFileSync(path, 'utf8')).toBe('short\n');
    file.write('longer than short\n');
    expect(readFileSync(path, 'utf8')).toBe('longer than short\n');
    file.close();
  });

  it('follows its directory when it is renamed, and makes the file again when it is removed', () => {
    dir = mkdtempSync(join(tmpdir(), 'svtui-inplace-'));
    let where = join(dir, 'a');
    rmSync(where, { force: true });
    const file = inPlaceFile(() => join(where, 'f'));
    mkdirSync(where);
    file.write('one\n');
    renameSync(where, join(dir, 'b'));
    where = join(dir, 'b');
    file.write('two\n');
    expect(readFileSync(join(where, 'f'), 'utf8')).toBe('two\n');
    unlinkSync(join(where, 'f'));
    file.write('three\n');
    expect(readFileSync(join(where, 'f'), 'utf8')).toBe('three\n');
    file.close();
  });
});
