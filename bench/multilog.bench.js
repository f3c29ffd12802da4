// svtui multilog t against s6-log t (the fastest C logger here) and daemontools multilog, on 1M
// lines of ~100 bytes from a regular file: `t s16777215 n20 ./dir`. Prints ratios vs s6-log.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare } from './lib.js';

const LINES = 1_000_000;

function makeInput(path) {
  const parts = [];
  for (let i = 0; i < LINES; i++) {
    parts.push(`${String(i).padStart(7, '0')} service event ${'abcdefghij'.repeat(8)}x\n`);
  }
  writeFileSync(path, parts.join(''));
}

export default async function () {
  const work = mkdtempSync(join(tmpdir(), 'svtui-bench-multilog-'));
  try {
    const input = join(work, 'input');
    makeInput(input);
    const svtui = join(import.meta.dirname, '..', 'bin', 'svtui.js');
    let run = 0;
    // Each run logs into a fresh directory (no run appends to another's files); the one before is
    // removed first, so the disk holds one run's 126 MB at a time.
    const candidate = (name, argv) => {
      let last;
      return {
        name,
        get argv() {
          if (last) rmSync(join(work, last), { recursive: true, force: true });
          last = `d${run++}`;
          return [...argv, 't', 's16777215', 'n20', `./${last}`];
        },
      };
    };
    compare(
      `multilog t s16777215 n20, ${LINES} lines of ~100 bytes`,
      [
        candidate('svtui multilog', [svtui, 'multilog']),
        candidate('s6-log', ['/usr/bin/s6-log']),
        candidate('multilog', ['/usr/bin/multilog']),
      ],
      { runs: 3, reference: 's6-log', input, cwd: work },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
