// The built CLI, as users run it: `svtui tai64nlocal` on the spec vectors, its options and errors,
// exit codes on closed descriptors; `svtui tai64n` stamping, streaming and exit codes.
import { describe, expect, it } from 'vitest';
import { cli, haveTools, runCli, runSync, tool } from '../support/tools.js';
import { startProcess, waitFor } from '../support/processes.js';
import { parseLabel } from '../../src/codec/tai64n.js';
import { vectors } from './vectors.js';

const node = process.execPath;
const LABEL = /^@[0-9a-f]{24} /;

describe('svtui tai64nlocal', () => {
  const zones = [...new Set(vectors.map((v) => v.tz))];
  for (const tz of zones) {
    it(`prints the spec vectors for TZ=${tz}`, () => {
      const group = vectors.filter((v) => v.tz === tz && v.input.endsWith('\n'));
      const input = group.map((v) => v.input).join('');
      const r = runCli(['tai64nlocal'], { input, env: { ...process.env, TZ: tz } });
      expect(r.stdout.toString('latin1')).toBe(group.map((v) => v.svtui).join(''));
      expect(r.status).toBe(0);
      expect(r.stderr.toString()).toBe('');
    });
  }
  it('keeps a final line without newline and drops an unfinished label (V28–V30)', () => {
    for (const v of vectors.filter((x) => !x.input.endsWith('\n'))) {
      const r = runCli(['tai64nlocal'], { input: v.input, env: { ...process.env, TZ: v.tz } });
      expect(r.stdout.toString(), v.id).toBe(v.svtui);
      expect(r.status).toBe(0);
    }
  });
  it('takes --tz over TZ, in both spellings', () => {
    const input = '@400000005147c8cb14bac91c x\n';
    const env = { ...process.env, TZ: 'UTC' };
    expect(runCli(['tai64nlocal', '--tz', 'Asia/Kolkata'], { input, env }).stdout.toString()).toBe(
      '2013-03-19 07:39:05.347785500 x\n',
    );
    expect(runCli(['tai64nlocal', '--tz=right/UTC'], { input, env }).stdout.toString()).toBe(
      '2013-03-19 02:08:40.347785500 x\n',
    );
  });
  it('warns once about an unknown zone and uses UTC', () => {
    const input = '@400000005147c8cb14bac91c x\n'.repeat(3);
    const r = runCli(['tai64nlocal', '--tz', 'Nowhere/Atlantis'], { input });
    expect(r.stdout.toString()).toBe('2013-03-19 02:09:05.347785500 x\n'.repeat(3));
    expect(r.stderr.toString()).toMatch(
      /^svtui tai64nlocal: warning: unknown time zone "Nowhere\/Atlantis": using UTC[^\n]*\n$/,
    );
    expect(r.status).toBe(0);
  });
  it('rejects unknown arguments in one line', () => {
    const r = runCli(['tai64nlocal', '-x'], { input: '' });
    expect(r.status).toBe(100);
    expect(r.stderr.toString()).toMatch(/^svtui tai64nlocal: unexpected argument "-x"[^\n]*\n$/);
  });
  it('exits 111 on a closed output or input, silently', () => {
    const out = runSync([
      'bash',
      '-c',
      `printf '@400000005147c8cb14bac91c x\\n' | "${node}" "${cli}" tai64nlocal >&-`,
    ]);
    expect(out.status).toBe(111);
    expect(out.stderr.toString()).toBe('');
    const input = runSync(['bash', '-c', `"${node}" "${cli}" tai64nlocal <&-`]);
    expect(input.status).toBe(111);
  });
});

describe('svtui tai64n', () => {
  it('stamps every line, empty ones too, and adds no newline to a final partial line', () => {
    const before = BigInt(Date.now()) / 1000n;
    const r = runCli(['tai64n'], { input: 'one\n\nthree\npartial' });
    const after = BigInt(Date.now()) / 1000n + 1n;
    const text = r.stdout.toString();
    const lines = text.split('\n');
    expect(lines.map((l) => l.slice(26))).toEqual(['one', '', 'three', 'partial']);
    for (const line of lines) {
      expect(line).toMatch(LABEL);
      const t = parseLabel(line.slice(0, 25))!;
      expect(t.seconds >= before && t.seconds <= after).toBe(true);
      expect(t.nanoseconds).toBeLessThan(1e9);
    }
    expect(text.endsWith('partial')).toBe(true);
    expect(r.status).toBe(0);
  });
  it('prints nothing for empty input', () => {
    const r = runCli(['tai64n'], { input: '' });
    expect(r.stdout.length).toBe(0);
    expect(r.status).toBe(0);
  });
  it.skipIf(!haveTools('tai64n'))('matches the real tai64n apart from the clock', () => {
    const input = Buffer.from('a\n\n\tb \x00\xff\nlast', 'latin1');
    const real = runSync([tool('tai64n')], { input }).stdout.toString('latin1');
    const ours = runCli(['tai64n'], { input }).stdout.toString('latin1');
    const mask = (s: string) => s.replace(/@[0-9a-f]{24}/g, '@TS');
    expect(mask(ours)).toBe(mask(real));
  });
  it('exits 111 silently when stdout is closed (T43)', () => {
    const r = runSync(['bash', '-c', `printf 'x\\n' | "${node}" "${cli}" tai64n >&-`]);
    expect(r.status).toBe(111);
    expect(r.stderr.toString()).toBe('');
  });
  it('dies of SIGPIPE when its reader goes away, as tai64n and tai64nlocal do', () => {
    for (const tool of ['tai64n', 'tai64nlocal']) {
      // 2 MB of lines into a reader that takes one byte and leaves: the write gets EPIPE.
      const script = `head -c 2000000 /dev/zero | tr '\\0' '\\n' | "${node}" "${cli}" ${tool} | head -c 1 >/dev/null; echo \${PIPESTATUS[2]}`;
      const r = runSync(['bash', '-c', script]);
      expect(r.stdout.toString(), tool).toBe('141\n');
      expect(r.stderr.toString(), tool).toBe('');
    }
  });
  it('stamps a line when it is read, not when input ends', async () => {
    const child = startProcess(node, [cli, 'tai64n'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin!.write('first\n');
    await waitFor(() => out.includes('first\n'));
    await new Promise((r) => setTimeout(r, 1100));
    child.stdin!.end('second\n');
    await waitFor(() => out.includes('second\n'));
    const [a, b] = out.split('\n').map((l) => parseLabel(l.slice(0, 25)));
    expect(b!.seconds - a!.seconds >= 1n).toBe(true);
  });
  it.skipIf(!haveTools('tai64nlocal'))('round-trips through the real tai64nlocal', () => {
    const stamped = runCli(['tai64n'], { input: 'hello\n' }).stdout;
    const r = runSync([tool('tai64nlocal')], {
      input: stamped,
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(r.stdout.toString()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} hello\n$/);
  });
});
