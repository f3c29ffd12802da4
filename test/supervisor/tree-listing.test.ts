import {
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TreeListing } from '../../src/supervisor/tree-listing.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const keyOf = (path: string) => {
  const st = statSync(path, { bigint: true });
  return `${st.dev}:${st.ino}`;
};
const names = (listing: TreeListing) => (listing.read() ?? []).map((l) => l.name).sort();

/** Let DIR's change time grow a second old: from the next look on, a look is trusted. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe("svscan's look at the tree", () => {
  it('lists directories and links to them by device and inode, skipping dot names and files', () => {
    dir = mkdtempSync(join(tmpdir(), 'svtui-listing-'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, '.hidden'));
    mkdirSync(join(dir, 'target'));
    symlinkSync(join(dir, 'target'), join(dir, 'link'));
    writeFileSync(join(dir, 'file'), '');
    const warned: string[] = [];
    const listed = new TreeListing(dir, (l) => warned.push(l)).read() ?? [];
    expect(listed.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: 'a', key: keyOf(join(dir, 'a')) },
      { name: 'link', key: keyOf(join(dir, 'target')) },
      { name: 'target', key: keyOf(join(dir, 'target')) },
    ]);
    expect(warned).toEqual([]);
  });

  it('sees every change made to the tree, also after looks that found it settled', async () => {
    dir = mkdtempSync(join(tmpdir(), 'svtui-listing-'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'elsewhere'));
    mkdirSync(join(dir, 'elsewhere', 'one'));
    mkdirSync(join(dir, 'elsewhere', 'two'));
    symlinkSync(join(dir, 'elsewhere', 'one'), join(dir, '.l'));
    const listing = new TreeListing(dir, () => undefined);
    await settle();
    listing.read();
    listing.read(); // trusted from now on
    const a = keyOf(join(dir, 'a'));
    renameSync(join(dir, 'a'), join(dir, 'b'));
    expect(listing.read()).toContainEqual({ name: 'b', key: a });
    // A directory replaced under the same name within the same tick as the look before.
    rmSync(join(dir, 'b'), { recursive: true });
    mkdirSync(join(dir, 'b'));
    expect(listing.read()).toContainEqual({ name: 'b', key: keyOf(join(dir, 'b')) });
    // A link whose target changes while the tree itself does not.
    renameSync(join(dir, '.l'), join(dir, 'l'));
    await settle();
    listing.read();
    listing.read();
    const before = statSync(dir).ctimeMs;
    rmSync(join(dir, 'elsewhere', 'one'), { recursive: true });
    renameSync(join(dir, 'elsewhere', 'two'), join(dir, 'elsewhere', 'one'));
    expect(statSync(dir).ctimeMs).toBe(before);
    expect(listing.read()).toContainEqual({
      name: 'l',
      key: keyOf(join(dir, 'elsewhere', 'one')),
    });
  });

  it('warns about an entry it cannot stat at every look, as svscan does', () => {
    dir = mkdtempSync(join(tmpdir(), 'svtui-listing-'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    const warned: string[] = [];
    const listing = new TreeListing(dir, (l) => warned.push(l));
    expect(names(listing)).toEqual([]);
    expect(names(listing)).toEqual([]);
    expect(warned).toEqual([
      'unable to stat dangling: file does not exist',
      'unable to stat dangling: file does not exist',
    ]);
  });

  it('knows nothing of a tree it cannot read, rather than finding it empty', () => {
    dir = mkdtempSync(join(tmpdir(), 'svtui-listing-'));
    mkdirSync(join(dir, 'a'));
    const warned: string[] = [];
    const listing = new TreeListing(join(dir, 'gone'), (l) => warned.push(l));
    expect(listing.read()).toBeUndefined();
    expect(warned).toEqual([`unable to read ${join(dir, 'gone')}: file does not exist`]);
  });
});
