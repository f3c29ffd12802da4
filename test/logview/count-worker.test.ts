// The count in a worker thread, as the built package runs it (dist/: `npm test` builds first):
// the same hits and the same counted chunks as a count on this thread, its end said once (no
// progress after it), and it stops on cancel.
// A walk for the nearest line that finds nothing near goes on in a worker: the same line.
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
      const { countInBackground, workerEntry, walkOnInWorker } = await import(
        join(dist, 'search/background-count.js')
      );
      const { SearchRun } = await import(join(dist, 'search/search-run.js'));
      const { selectorFor } = await import(join(dist, 'search/selector.js'));
      const { nodeLogFiles } = await import(join(dist, 'files.js'));
      return {
        countInBackground,
        workerEntry,
        walkOnInWorker,
        SearchRun,
        selectorFor,
        nodeLogFiles,
      };
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
      const ends: number[] = [];
      const got = await countInBackground(
        remote,
        dir,
        files.list(dir),
        spec,
        (p: { total: number; done: boolean }) => {
          progress.push(p.total);
          if (p.done) ends.push(p.total);
        },
      );
      // Nothing comes after the end, though the worker ends after it (its port closed last).
      const reported = progress.length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(progress).toHaveLength(reported);
      expect(ends).toEqual([expected.total]);
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
    it('walks on in a worker for a far line and lands where a walk on this thread lands', async () => {
      const { SearchRun, selectorFor, nodeLogFiles, walkOnInWorker } = await load();
      const dir = join(tempDir(), 'main');
      // ~3.6 MB over 3 rotated files and current; the rare lines far from both ends.
      const far = Array.from(
        { length: 40_000 },
        (_, i) =>
          `${label(T0 + i)} job ${i} ${i === 3000 || i === 36_000 ? 'rare' : 'ok'} ${'y'.repeat(60)}`,
      );
      writeLog(dir, far, 10_000, (last: number) => T0 + last);
      const files = nodeLogFiles();
      const segments = files.list(dir);
      const end = { index: segments.length - 1, offset: segments.at(-1).size };
      const cases = [
        { spec: { query: { text: 'rare', literal: false } }, from: end, direction: -1 },
        {
          spec: { query: { text: 'rare', literal: false } },
          from: { index: 0, offset: 0 },
          direction: 1,
        },
        {
          spec: {
            query: { text: 'job', literal: false },
            filters: [{ text: 'rare', exclude: false, enabled: true }],
          },
          from: end,
          direction: -1,
        },
        {
          spec: { shown: true, filters: [{ text: 'rare', exclude: false, enabled: true }] },
          from: { index: 0, offset: 0 },
          direction: 1,
        },
      ];
      for (const { spec, from, direction } of cases) {
        const { select, matcher } = selectorFor(spec);
        const here = await new SearchRun({ files, dir }, select, matcher).nearest(
          segments,
          from,
          direction,
        );
        const handed = await new SearchRun(
          { files, dir, walkOn: walkOnInWorker(dir, spec), nearBytes: 1 },
          select,
          matcher,
        ).nearest(segments, from, direction);
        expect(here).toBeDefined();
        expect(handed).toEqual(here);
      }
      // Beside a count of the same directory, in its worker: the same lines, and the same count.
      const counted = selectorFor(cases[0]!.spec);
      const counter = new SearchRun({ files, dir }, counted.select, counted.matcher);
      const { countInBackground } = await load();
      const counting = countInBackground(counter, dir, segments, cases[0]!.spec, () => {});
      for (const { spec, from, direction } of cases) {
        const { select, matcher } = selectorFor(spec);
        const here = await new SearchRun({ files, dir }, select, matcher).nearest(
          segments,
          from,
          direction,
        );
        const beside = new SearchRun(
          { files, dir, walkOn: walkOnInWorker(dir, spec), nearBytes: 1 },
          select,
          matcher,
        );
        expect(await beside.nearest(segments, from, direction)).toEqual(here);
      }
      expect(await counting).toMatchObject({ total: 2, done: true });
      // Cancelled while the worker walks: nothing.
      const spec = { query: { text: 'nowhere at all', literal: false } };
      const { select, matcher } = selectorFor(spec);
      const run = new SearchRun(
        { files, dir, walkOn: walkOnInWorker(dir, spec), nearBytes: 1 },
        select,
        matcher,
      );
      const walking = run.nearest(segments, end, -1);
      setTimeout(() => run.cancel(), 5);
      expect(await walking).toBeUndefined();
    });
  },
);
