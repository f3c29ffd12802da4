// The composition root: argv → one subcommand. Each command module is imported only when it is
// run, so `svtui tai64nlocal` never loads Ink or React.
import { existsSync } from 'node:fs';
import { commands, findCommand, usageLine } from './commands/registry.js';
import { readVersion } from './commands/version.js';

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(topHelp());
    return 0;
  }
  if (first === '--version' || first === '-V') {
    process.stdout.write(`svtui ${readVersion()}\n`);
    return 0;
  }
  const command = first === undefined ? undefined : findCommand(first);
  if (first !== undefined && !command && looksLikeCommand(first)) {
    process.stderr.write(
      `svtui: unknown command: ${first} (commands: ${commands
        .filter((c) => c.name !== 'console')
        .map((c) => c.name)
        .join(', ')}; or a service directory)\n`,
    );
    return 100;
  }
  const name = command ? command.name : 'console';
  const args = command ? rest : argv;
  const spec = command ?? findCommand('console');
  if (!spec) throw new Error('console command missing from the registry');
  if (args[0] === '--help') {
    process.stdout.write(spec.help);
    return 0;
  }
  if (args[0] === '--version') {
    process.stdout.write(`svtui ${name} ${readVersion()}\n`);
    return 0;
  }
  const module = await spec.load();
  return module.run(args);
}

/** A bare word that names no file: a mistyped subcommand rather than a service tree. */
function looksLikeCommand(word: string): boolean {
  return /^[a-z][a-z0-9-]*$/.test(word) && !existsSync(word);
}

function topHelp(): string {
  const width = Math.max(...commands.map((c) => usageLine(c).length));
  const rows = commands.map((c) => `  ${usageLine(c).padEnd(width)}  ${c.summary}`);
  return [
    'svtui: a daemontools-compatible supervisor and an operator console',
    '',
    'usage:',
    ...rows,
    '',
    'Every command takes --help and --version.',
    '',
  ].join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`svtui: fatal: ${message}\n`);
    process.exitCode = 111;
  },
);
