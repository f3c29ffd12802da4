// The view's change batching, with the watcher and the clock in the test's hands: the first
// change after a quiet spell is read at once (2 ms), a burst costs one read and one notification
// per batch window, and nothing is notified when nothing visible changed.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openLogView } from '../../src/logview/view.js';
import { tempDir } from '../support/tools.js';

const root = tempDir('svtui-logbatch-');
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setUp(name: string, readWhenAsked = false) {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'current'), 'a\n');
  let fire: () => void = () => undefined;
  let stopped = false;
  const view = openLogView(
    dir,
    { rows: 2, batchMs: 20, readWhenAsked },
    {
      watch: (_dir, changed) => {
        fire = changed;
        return () => (stopped = true);
      },
      now: () => Date.now(),
    },
  );
  let notified = 0;
  view.onChange(() => notified++);
  return {
    view,
    append: (text: string) => appendFileSync(join(dir, 'current'), text),
    fire: () => fire(),
    notified: () => notified,
    stopped: () => stopped,
  };
}

describe('batching', () => {
  it('reads the first change 2 ms after it, then at most once per batch', () => {
    const t = setUp('burst');
    t.append('b\n');
    t.fire();
    vi.advanceTimersByTime(1);
    expect(t.notified()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(t.notified()).toBe(1);
    expect(t.view.lines()).toEqual(['a', 'b']);
    for (let i = 0; i < 50; i++) {
      t.append(`line ${i}\n`);
      t.fire();
    }
    vi.advanceTimersByTime(19); // 20 ms after the first read, not before
    expect(t.notified()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(t.notified()).toBe(2);
    expect(t.view.lines()).toEqual(['line 48', 'line 49']);
    t.view.close();
    expect(t.stopped()).toBe(true);
  });

  it('does not notify when nothing changed', () => {
    const t = setUp('quiet');
    t.fire();
    vi.advanceTimersByTime(50);
    expect(t.notified()).toBe(0);
  });

  it('an anchored window does not move when lines arrive below it', () => {
    const t = setUp('anchored');
    t.append('b\nc\nd\n');
    t.view.refresh();
    t.view.top();
    expect(t.view.lines()).toEqual(['a', 'b']);
    t.append('e\n');
    t.fire();
    vi.advanceTimersByTime(30);
    expect(t.view.lines()).toEqual(['a', 'b']);
    expect(t.view.following).toBe(false);
  });

  it('read when asked: a burst is one notice and no read until the window is asked for', () => {
    const t = setUp('asked', true);
    for (let i = 0; i < 50; i++) {
      t.append(`line ${i}\n`);
      t.fire();
    }
    expect(t.notified()).toBe(1); // "it may have changed", once for the whole burst
    expect(vi.getTimerCount()).toBe(0); // nothing is read in the background
    expect(t.view.lines()).toEqual(['line 48', 'line 49']);
    expect(t.notified()).toBe(1); // reading it is not a change to tell about
    t.append('late\n');
    t.fire();
    expect(t.notified()).toBe(2);
    t.view.pageUp(); // a move reads the change first, then moves from the new tail
    expect(t.view.lines()).toEqual(['line 47', 'line 48']);
  });
});
