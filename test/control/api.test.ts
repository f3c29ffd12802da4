// The public control API (src/control/index.ts) in-process, on fake service directories.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  controlWarning,
  probeSupervisor,
  readStatusFile,
  sendControl,
} from '../../src/control/index.js';
import { tempDir } from '../support/tools.js';
import { drain, fakeService, statusBytes } from './fake-service.js';

describe('control API', () => {
  let root = '';
  beforeAll(() => {
    root = tempDir('svtui-api-');
    mkdirSync(join(root, 'empty'));
    writeFileSync(join(root, 'afile'), '');
  });

  it('probeSupervisor', () => {
    fakeService(root, 'held', { ok: 'held' });
    fakeService(root, 'noreader', { ok: 'fifo' });
    expect(probeSupervisor(join(root, 'held'))).toEqual({ running: true });
    expect(probeSupervisor(join(root, 'noreader'))).toEqual({
      running: false,
      reason: 'supervise not running',
      code: 'ENXIO',
    });
    expect(probeSupervisor(join(root, 'empty'))).toEqual({
      running: false,
      reason: 'unable to open supervise/ok: file does not exist',
      code: 'ENOENT',
    });
    expect(probeSupervisor(join(root, 'afile'))).toEqual({
      running: false,
      reason: 'unable to chdir: not a directory',
      code: 'ENOTDIR',
    });
  });

  it('readStatusFile decodes every layout and words every failure', () => {
    const pid = 4321;
    const cases: [string, Buffer, string][] = [
      ['dt', statusBytes({ pid }, 18), 'daemontools'],
      ['runit', statusBytes({ pid, gotTerm: true }), 'runit'],
      ['s6', Buffer.concat([statusBytes({ pid }, 12), Buffer.alloc(23)]), 's6'],
    ];
    for (const [name, bytes, format] of cases) {
      fakeService(root, name, { status: bytes });
      const read = readStatusFile(join(root, name));
      expect(read.ok && read.format).toBe(format);
    }
    fakeService(root, 'short', { status: Buffer.from('abc') });
    expect(readStatusFile(join(root, 'short'))).toEqual({
      ok: false,
      reason: 'bad format',
      code: 'bad-format',
      length: 3,
    });
    expect(readStatusFile(join(root, 'empty'))).toEqual({
      ok: false,
      reason: 'unable to open supervise/status: file does not exist',
      code: 'ENOENT',
    });
  });

  it('sendControl: delivered in one write, or a failure with its stage and code', () => {
    const held = fakeService(root, 'ctl', { control: 'held' });
    expect(sendControl(held.dir, 'dx')).toEqual({ ok: true });
    expect(drain(held.controlReader ?? -1)).toBe('dx');
    fakeService(root, 'ctlnr', { control: 'fifo' });
    const cases: [string, object, string][] = [
      [
        'ctlnr',
        { ok: false, reason: 'supervise not running', stage: 'open', code: 'ENXIO' },
        'unable to control ctlnr: supervise not running',
      ],
      [
        'empty',
        { ok: false, reason: 'file does not exist', stage: 'open', code: 'ENOENT' },
        'unable to control empty: file does not exist',
      ],
      [
        'afile',
        { ok: false, reason: 'not a directory', stage: 'chdir', code: 'ENOTDIR' },
        'unable to chdir to afile: not a directory',
      ],
      [
        'nonexist',
        { ok: false, reason: 'file does not exist', stage: 'chdir', code: 'ENOENT' },
        'unable to chdir to nonexist: file does not exist',
      ],
    ];
    for (const [name, expected, warning] of cases) {
      const result = sendControl(join(root, name), 'u');
      expect(result).toEqual(expected);
      if (!result.ok) expect(controlWarning(name, result)).toBe(warning);
    }
  });
});
