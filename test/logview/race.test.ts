// Rotation and retention landing between the directory listing and the read: the view lists
// again and shows the right lines, never a mix, never an exception.
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeLogFiles, type LogFiles } from '../../src/logview/files.js';
import { openLogView } from '../../src/logview/view.js';
import { tempDir } from '../support/tools.js';
import { rotatedName } from './helpers.js';

const root = tempDir('svtui-lograce-');

/** The real file system, with `before(name)` run once just before the first open of `name`. */
function filesWith(name: string, before: () => void): LogFiles {
  const real = nodeLogFiles();
  let done = false;
  return {
    list: (dir) => real.list(dir),
    open: (dir, file) => {
      if (file === name && !done) {
        done = true;
        before();
      }
      return real.open(dir, file);
    },
  };
}

describe('changes between listing and reading', () => {
  it('current rotated after the listing: read again from the new listing', () => {
    const dir = join(root, 'rotate');
    mkdirSync(dir);
    writeFileSync(join(dir, rotatedName(1)), 'r1\nr2\n');
    writeFileSync(join(dir, 'current'), 'c1\nc2\n');
    const files = filesWith('current', () => {
      renameSync(join(dir, 'current'), join(dir, rotatedName(2)));
      writeFileSync(join(dir, 'current'), 'n1\n');
    });
    const view = openLogView(dir, { rows: 4, watch: false }, { files });
    expect(view.lines()).toEqual(['r2', 'c1', 'c2', 'n1']);
    expect(view.info().fileCount).toBe(3);
  });

  it('the oldest file deleted after the listing: the view starts at the next one', () => {
    const dir = join(root, 'retention');
    mkdirSync(dir);
    writeFileSync(join(dir, rotatedName(1)), 'old\n');
    writeFileSync(join(dir, rotatedName(2)), 'mid\n');
    writeFileSync(join(dir, 'current'), 'new\n');
    const files = filesWith(rotatedName(1), () => unlinkSync(join(dir, rotatedName(1))));
    const view = openLogView(dir, { rows: 5, watch: false }, { files });
    expect(view.lines()).toEqual(['mid', 'new']);
    view.top();
    expect(view.lines()).toEqual(['mid', 'new']);
  });
});
