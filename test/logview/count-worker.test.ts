// The count in a worker thread, as the built package runs it (dist/: `npm test` builds first):
// the same hits and the same counted chunks as a count on this thread, and it stops on cancel.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, tempDir } from '../support/tools.js';
import { label, T0, writeLog } from './tools-helpers.js';

const dist = join(root, 'dist/logview');

describe.runIf(existsSync(join(dist, 'search/count-worker.js')))(
  'a count in a worker thread',
  () => {
    async function load() {
      const { countInBackground, workerEntry } = await import(
        join(dist, 'search/background-count.js')
      );
      const { SearchRun } = await import(join(dist, 'search/search-run.js'));
      const { selectorFor } = await import(join(dist, 'search/selector.js'));
      const { nodeLogFiles } = await import(join(dist, 'files.js'));
      return { countInBackground, workerEntry, SearchRun, selectorFor, nodeLogFiles };
    }
    const lines = Array.from(
      { length: 40_000 },
      (_, i) => `${label(T0 + i)} job ${i} ${i % 7 ? 'ok' : 'failed'} ${'x'.repeat(60)}`,
    );

    it('counts what a count on this thread counts, with the same chunks', async () => {
      const { countInBackground, workerEntry, SearchRun, selectorFor, nodeLogFiles } = await load();
      expect(workerEntry()).toBeDefined();
      const dir = join(tempDir(), 'main');
      writeLog(dir, lines, 15_000, (last: number) => T0 + last);
      const files = nodeLogFiles();
      const spec = {
        query: { text: 'failed', literal: false },
        filters: [{ text: 'job 1', exclude: true, enabled: true }],
      };
      const here = selectorFor(spec);
      const local = new SearchRun({ files, dir }, here.select, here.matcher);
      const expected = await local.count(files.list(dir), () => {});
      const remote = new SearchRun({ files, dir }, here.select, here.matcher);
      const progress: number[] = [];
      const got = await countInBackground(
        remote,
        dir,
        files.list(dir),
        spec,
        (p: { total: number }) => progress.push(p.total),
      );
      expect(got).toMatchObject({ total: expected.total, done: true });
      expect(expected.total).toBe(
        lines.filter((l) => l.includes('failed') && !/ job 1/.test(l)).length,
      );
      expect(remote.countedSince(0)).toEqual(local.countedSince(0));
      expect(progress.at(-1)).toBe(expected.total);
    });
    it('stops on cancel', async () => {
      const { countInBackground, SearchRun, selectorFor, nodeLogFiles } = await load();
      const dir = join(tempDir(), 'main');
      writeLog(dir, lines, 15_000, (last: number) => T0 + last);
      const files = nodeLogFiles();
      const spec = { query: { text: 'ok', literal: false } };
      const { select, matcher } = selectorFor(spec);
      const run = new SearchRun({ files, dir }, select, matcher);
      const counting = countInBackground(run, dir, files.list(dir), spec, () => {});
      run.cancel();
      const got = await counting;
      expect(got).toMatchObject({ cancelled: true, done: false });
    });
  },
);
