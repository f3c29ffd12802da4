// The stdout Ink writes to: a synchronized frame (opener, frame, closer) reaches the terminal as
// one write, its first cursor move one row further up; the first frame erases its line ends.
import { describe, expect, it } from 'vitest';
import { fixIncrementalFrames } from '../../src/ui/incremental-fix.js';

const OPEN = '\x1b[?2026h';
const CLOSE = '\x1b[?2026l';

function recorder() {
  const writes: string[] = [];
  const stdout = { write: (text: unknown) => writes.push(String(text)) > 0, columns: 80 };
  return { writes, fixed: fixIncrementalFrames(stdout as unknown as NodeJS.WriteStream) };
}

describe('frames to the terminal', () => {
  it('a synchronized frame is one write', () => {
    const { writes, fixed } = recorder();
    fixed.write('a\nb\n'); // the first frame
    fixed.write(OPEN);
    fixed.write('\x1b[2A\x1b[Gb\x1b[K\n');
    fixed.write(CLOSE);
    expect(writes).toEqual(['a\x1b[K\nb\x1b[K\n', `${OPEN}\x1b[3A\x1b[Gb\x1b[K\n${CLOSE}`]);
  });

  it('writes outside a frame pass at once; a frame left open goes out with the next write', () => {
    const { writes, fixed } = recorder();
    fixed.write('\x1b[?25l');
    expect(writes).toEqual(['\x1b[?25l']);
    fixed.write(OPEN);
    fixed.write('x');
    expect(writes).toHaveLength(1);
    fixed.write(Buffer.from('y'));
    expect(writes.slice(1)).toEqual([`${OPEN}x`, 'y']);
    expect(fixed.columns).toBe(80);
  });
});
