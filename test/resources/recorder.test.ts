// The resource recorder on real processes and real files, its sweeps called by hand (the timer is
// set far away): one record per sweep for each service that is up, none while it is down, the
// starts and log lines per second beside /proc's figures, a removed service's file closed, and a
// file that cannot be made told once. Every process is stopped by pid.
import { mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResourceHistory, type ResourceRecord } from '../../src/resources/index.js';
import { recordResources, type RecordedService } from '../../src/resources/recorder.js';
import { startProcess, waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';

const records = (tree: string, name: string): ResourceRecord[] => {
  const read = readResourceHistory(join(tree, name, 'supervise', 'svtui-resources'));
  return read.ok ? (read.rings[0]?.records ?? []) : [];
};

/** Files this process holds open under `dir`. */
const openUnder = (dir: string) =>
  readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const path = readlinkSync(`/proc/self/fd/${fd}`);
      return path.startsWith(dir) ? [path] : [];
    } catch {
      return [];
    }
  });

describe('recordResources', () => {
  it('appends a record per sweep for each service that is up, and closes a removed one', async () => {
    const tree = tempDir();
    for (const name of ['web', 'idle', 'gone'])
      mkdirSync(join(tree, name, 'supervise'), { recursive: true });
    const web = startProcess('sh', ['-c', 'sleep 1000 & exec sleep 1000']);
    const gone = startProcess('sleep', ['1000']);
    // The shell has forked its child and become `sleep` itself.
    await waitFor(() => {
      const comm = readFileSync(`/proc/${web.pid}/comm`, 'latin1');
      const kids = readFileSync(`/proc/${web.pid}/task/${web.pid}/children`, 'latin1');
      return comm === 'sleep\n' && kids.trim() !== '';
    });
    let clock = 1_800_000_000_000;
    let services: RecordedService[] = [
      { name: 'web', pid: web.pid!, starts: 3, logLines: 100 },
      { name: 'idle', pid: 0, starts: 1 },
      { name: 'gone', pid: gone.pid!, starts: 1 },
    ];
    const warnings: string[] = [];
    const seen: string[][] = [];
    const recorder = recordResources({
      superviseDir: (name) => join(tree, name, 'supervise'),
      services: () => services,
      warn: (line) => warnings.push(line),
      everyMs: 3_600_000,
      clock: () => clock,
    });
    recorder.onSample((samples) => seen.push(samples.map((s) => s.id)));
    try {
      recorder.sample();
      clock += 2000;
      services = services.map((s) => (s.name === 'web' ? { ...s, logLines: 150 } : s));
      recorder.sample();

      const [first, second] = records(tree, 'web');
      expect(first).toMatchObject({ pid: web.pid, restarts: 3, children: 1, threads: 2 });
      expect(first?.logLinesPerSecond).toBeUndefined();
      expect(second).toMatchObject({ pid: web.pid, time: 1_800_000_002, logLinesPerSecond: 25 });
      expect(second?.rssKB).toBeGreaterThan(0);
      expect(second?.cpuPermille).toBeGreaterThanOrEqual(0);
      expect(records(tree, 'idle')).toEqual([]);
      expect(seen).toEqual([
        ['web', 'gone'],
        ['web', 'gone'],
      ]);
      expect(recorder.latest('web')?.pid).toBe(web.pid);
      expect(recorder.latest('idle')).toBeUndefined();

      // `gone` leaves the tree: its file is closed at the next sweep; `web` goes down.
      expect(openUnder(join(tree, 'gone'))).toHaveLength(1);
      services = [
        { name: 'web', pid: 0, starts: 3 },
        { name: 'idle', pid: 0, starts: 1 },
      ];
      clock += 2000;
      recorder.sample();
      expect(openUnder(join(tree, 'gone'))).toEqual([]);
      expect(records(tree, 'web')).toHaveLength(2);
      expect(recorder.latest('web')).toBeUndefined();
      expect(warnings).toEqual([]);
    } finally {
      recorder.stop();
    }
    expect(openUnder(tree)).toEqual([]);
  });

  it('tells once that a history cannot be kept, and goes on with the others', () => {
    const tree = tempDir();
    mkdirSync(join(tree, 'ok', 'supervise'), { recursive: true });
    mkdirSync(join(tree, 'bad'));
    writeFileSync(join(tree, 'bad', 'supervise'), 'a file, not a directory\n');
    const ok = startProcess('sleep', ['1000']);
    const bad = startProcess('sleep', ['1000']);
    const warnings: string[] = [];
    const recorder = recordResources({
      superviseDir: (name) => join(tree, name, 'supervise'),
      services: () => [
        { name: 'ok', pid: ok.pid!, starts: 1 },
        { name: 'bad', pid: bad.pid!, starts: 1 },
      ],
      warn: (line) => warnings.push(line),
      everyMs: 3_600_000,
    });
    try {
      recorder.sample();
      recorder.sample();
    } finally {
      recorder.stop();
    }
    expect(records(tree, 'ok')).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^bad: unable to keep .*bad\/supervise\/svtui-resources: ENOTDIR/);
  });
});
