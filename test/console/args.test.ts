// The console's command line, pure and through the built CLI: bad input is one line naming the
// argument, never a stack trace, and no terminal is ever assumed.
import { describe, expect, it } from 'vitest';
import { parseConsoleArgs } from '../../src/console/args.js';
import { runCli, tempDir } from '../support/tools.js';

const dirs =
  (...existing: string[]) =>
  (path: string) =>
    existing.includes(path)
      ? ('directory' as const)
      : path === '/file'
        ? ('other' as const)
        : ('missing' as const);

describe('parseConsoleArgs', () => {
  it('DIR and --tz lists, in either form', () => {
    expect(
      parseConsoleArgs(['/srv', '--tz', 'Asia/Tokyo,UTC', '--tz=Europe/Paris'], {}, dirs('/srv')),
    ).toEqual({
      ok: true,
      args: { root: '/srv', zones: ['Asia/Tokyo', 'UTC', 'Europe/Paris'], explicit: true },
    });
  });
  it('falls back to $SVDIR, /service, /etc/service', () => {
    // Found by default, not named: never grounds for becoming the tree's supervisor.
    expect(parseConsoleArgs([], { SVDIR: '/sv' }, dirs('/sv', '/service'))).toMatchObject({
      args: { root: '/sv', explicit: false },
    });
    expect(parseConsoleArgs([], {}, dirs('/etc/service'))).toMatchObject({
      args: { root: '/etc/service', explicit: false },
    });
    expect(parseConsoleArgs([], {}, dirs())).toEqual({
      ok: false,
      error: 'no service directory: give DIR, or set SVDIR (tried /service, /etc/service)',
    });
  });
  it('names what is wrong', () => {
    expect(parseConsoleArgs(['--tz'], {}, dirs())).toMatchObject({
      error: expect.stringContaining('--tz needs a zone'),
    });
    expect(parseConsoleArgs(['-x'], {}, dirs())).toMatchObject({
      error: expect.stringContaining('unknown option -x'),
    });
    expect(parseConsoleArgs(['/a', '/b'], {}, dirs('/a', '/b'))).toMatchObject({
      error: 'one service directory only, got /a and /b',
    });
    expect(parseConsoleArgs(['/nope'], {}, dirs())).toMatchObject({
      error: '/nope does not exist',
    });
    expect(parseConsoleArgs(['/file'], {}, dirs())).toMatchObject({
      error: '/file is not a directory',
    });
  });
});

describe('svtui (the console) without a terminal or with bad arguments', () => {
  it('one line on stderr, exit 100', () => {
    const dir = tempDir();
    for (const [args, text] of [
      [['/nonexistent/tree'], 'svtui: /nonexistent/tree does not exist\n'],
      [[process.execPath], `svtui: ${process.execPath} is not a directory\n`],
      [
        [dir, '--tz', 'UTC,bogus/Zone'],
        'svtui: unknown time zone bogus/Zone in --tz (a zoneinfo name such as Europe/Paris, or a POSIX TZ)\n',
      ],
      [['--bogus'], 'svtui: unknown option --bogus (usage: svtui [DIR] [--tz ZONE,...])\n'],
      [[dir], 'svtui: the console needs a terminal on stdin and stdout\n'],
    ] as const) {
      const r = runCli([...args], { encoding: 'utf8' });
      expect(r.status).toBe(100);
      expect(r.stderr.toString()).toBe(text);
      expect(r.stdout.toString()).toBe('');
    }
  });
});
