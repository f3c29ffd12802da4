// svtui svstat and svtui svc beside daemontools' svstat and svc on 1000 fake services whose
// supervise/ok and supervise/control FIFOs this process holds open (so every one reads as up
// and every letter is delivered). Measures the whole command: start-up plus 1000 directories.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare } from './lib.js';

const SERVICES = 1000;

function statusBytes(pid) {
  const out = Buffer.alloc(20);
  out.writeBigUInt64BE((1n << 62n) + 10n + BigInt(Math.floor(Date.now() / 1000) - 60), 0);
  out.writeUInt32LE(pid, 12);
  out[17] = 0x75;
  out[19] = 1;
  return out;
}

export default async function () {
  const work = mkdtempSync(join(tmpdir(), 'svtui-bench-svstat-'));
  const fds = [];
  try {
    const names = [];
    for (let i = 0; i < SERVICES; i++) {
      const name = `s${String(i).padStart(4, '0')}`;
      mkdirSync(join(work, name, 'supervise'), { recursive: true });
      for (const fifo of ['ok', 'control']) {
        const path = join(work, name, 'supervise', fifo);
        spawnSync('mkfifo', ['-m', '600', path]);
        fds.push(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK));
      }
      writeFileSync(join(work, name, 'supervise/status'), statusBytes(1000 + i));
      names.push(name);
    }
    const svtui = join(import.meta.dirname, '..', 'bin', 'svtui.js');
    compare(
      `svstat on ${SERVICES} services`,
      [
        { name: 'daemontools svstat', argv: ['/usr/bin/svstat', ...names] },
        { name: 'svtui svstat', argv: [svtui, 'svstat', ...names] },
      ],
      { runs: 5, reference: 'daemontools svstat', cwd: work },
    );
    // The FIFOs fill up with letters nobody reads: 5 runs × 2 letters stay far below 64 KiB.
    compare(
      `svc -p on ${SERVICES} services`,
      [
        { name: 'daemontools svc', argv: ['/usr/bin/svc', '-p', ...names] },
        { name: 'svtui svc', argv: [svtui, 'svc', '-p', ...names] },
      ],
      { runs: 5, reference: 'daemontools svc', cwd: work },
    );
  } finally {
    for (const fd of fds) closeSync(fd);
    rmSync(work, { recursive: true, force: true });
  }
}
