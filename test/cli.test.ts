import { describe, expect, it } from 'vitest';
import { commands } from '../src/commands/registry.js';
import { runCli } from './support/tools.js';

describe('svtui command line', () => {
  it('--help lists every command', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    for (const c of commands.filter((c) => c.name !== 'console')) {
      expect(r.stdout.toString()).toContain(`svtui ${c.name}`);
    }
  });

  it.each(commands.map((c) => c.name))('%s answers --help and --version', (name) => {
    const prefix = name === 'console' ? [] : [name];
    const help = runCli([...prefix, '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout.toString()).toMatch(/^usage:\s+svtui/m);
    const version = runCli([...prefix, '--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.toString()).toMatch(/^svtui .*\d+\.\d+\.\d+\n$/);
  });

  it('names a mistyped subcommand in one line, exit 100', () => {
    const r = runCli(['scna', 'x'], { cwd: '/' });
    expect(r.status).toBe(100);
    expect(r.stderr.toString()).toMatch(
      /^svtui: unknown command: scna \(commands: scan, svc.*\)\n$/,
    );
  });
});
