// In a real terminal, embedded on the example tree: Ctrl+letter never acts as the bare letter
// (Ctrl-U brings nothing up, Ctrl-D asks nothing, Ctrl-Q does not quit); Ctrl-Z is refused while
// the console is the supervisor; and when the terminal dies (SIGHUP, as when SSH drops) the
// services go on, supervised by the same process headless, and the next console attaches to it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, processesIn, waitFor } from '../support/processes.js';
import { cli, copyExampleTree, haveTools, runSync, tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

const ready = haveTools('svstat', 'svok', 'tmux');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!ready)('Ctrl keys and a hang-up, embedded', () => {
  const tree = join(tempDir('svtui-e2e-hangup-'), 'service');
  let term: Terminal | undefined;
  let second: Terminal | undefined;
  let headless: number | undefined;
  afterAll(async () => {
    term?.close();
    second?.close();
    if (headless && alive(headless)) process.kill(headless, 'SIGTERM');
    await waitFor(() => processesIn(tree).length === 0 && !(headless && alive(headless)), 20000);
  });

  beforeAll(() => {
    copyExampleTree(tree);
    term = new Terminal([process.execPath, cli, tree], { columns: 120, rows: 40 });
  });

  it('Ctrl-U, Ctrl-D and Ctrl-Q on a down service do nothing of u, d or q', async () => {
    await term!.waitFor(/^steady +up +\d+/m);
    term!.keys('j', 'j'); // nightly: down, normally down
    await term!.waitFor(/log nightly\/log\/main /);
    term!.keys('C-u');
    await sleep(1500);
    expect(runSync(['svstat', join(tree, 'nightly')]).stdout.toString()).toMatch(/: down \d+/);
    term!.keys('C-d');
    term!.keys('C-q');
    await sleep(300);
    const screen = term!.text();
    expect(screen).not.toContain('y/n');
    expect(screen).not.toContain('[exited');
    expect(screen).toMatch(/^nightly +down /m);
  });

  it('Ctrl-Z says why it does not suspend the supervisor', async () => {
    term!.keys('C-z');
    await term!.waitFor(/not suspended: embedded, svtui is the supervisor/);
    expect(readFileState(term!.programPid())).not.toBe('T');
  });

  it('a hang-up leaves the services running, supervised by the same process', async () => {
    const console = term!.programPid();
    const before = runSync(['svstat', join(tree, 'steady')]).stdout.toString();
    const pid = /\(pid (\d+)\)/.exec(before)?.[1];
    term!.close(); // the terminal is gone: SIGHUP
    term = undefined;
    await sleep(1500);
    headless = console;
    expect(alive(console)).toBe(true);
    for (const name of ['chatty', 'crashy', 'nightly', 'steady'])
      expect(runSync(['svok', join(tree, name)]).status).toBe(0);
    const after = runSync(['svstat', join(tree, 'steady')]).stdout.toString();
    expect(after).toContain(`(pid ${pid})`);
  });

  it('the next console attaches to it, and q leaves it running', async () => {
    second = new Terminal([process.execPath, cli, tree], { columns: 100, rows: 30 });
    await second.waitFor(/^svtui attached · /m);
    await second.waitFor(/^steady +up +\d+/m);
    second.keys('q');
    await second.waitFor(/\[exited 0\]/);
    expect(alive(headless!)).toBe(true);
    expect(runSync(['svok', join(tree, 'steady')]).status).toBe(0);
  });

  it('an attached console whose terminal dies exits 0, not by an abort', async () => {
    // A parent in the pane's place, as a login shell is: it passes the hang-up on to the
    // console and writes down how the console ended.
    const record = join(tempDir('svtui-e2e-hup-exit-'), 'exit');
    const parent = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.argv[1], process.argv.slice(2), { stdio: 'inherit' });
      process.on('SIGHUP', () => child.kill('SIGHUP'));
      child.on('exit', (code, signal) =>
        require('node:fs').writeFileSync(${JSON.stringify(record)}, code + ' ' + signal));`;
    const third = new Terminal([process.execPath, '-e', parent, process.execPath, cli, tree], {
      columns: 80,
      rows: 24,
    });
    await third.waitFor(/^steady +up +\d+/m);
    third.close(); // the terminal is gone
    const ended = await waitFor(() => existsSync(record) && readFileSync(record, 'utf8'), 15000);
    expect(ended).toBe('0 null');
    expect(alive(headless!)).toBe(true);
  });

  it('TERM to the headless supervisor stops every service and logger', async () => {
    process.kill(headless!, 'SIGTERM');
    await waitFor(() => !alive(headless!) && processesIn(tree).length === 0, 20000);
  });
});

function readFileState(pid: number): string {
  const stat = runSync(['cat', `/proc/${pid}/stat`]).stdout.toString();
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '';
}

describe.skipIf(!ready || !haveTools('bash'))(
  'Ctrl-Z when the console is not the supervisor',
  () => {
    const tree = join(tempDir('svtui-e2e-suspend-'), 'service');
    let term: Terminal | undefined;
    afterAll(() => term?.close());

    it('suspends with the terminal given back to the shell, and fg brings it back whole', async () => {
      copyExampleTree(tree);
      // An interactive shell with job control, as an operator's login shell.
      term = new Terminal(['bash', '--norc', '--noprofile', '-i'], {
        columns: 80,
        rows: 24,
      });
      await term.waitFor(/[$#] *$/m);
      term.type(`SVDIR=${tree} ${process.execPath} ${cli}`);
      term.keys('Enter');
      await term.waitFor(/^svtui unsupervised read-only · /m);
      term.keys('C-z');
      await term.waitFor(/Stopped/);
      expect(term.text()).not.toContain('svtui unsupervised');
      term.type('fg');
      term.keys('Enter');
      await term.waitFor(/^svtui unsupervised read-only · /m);
      term.keys('j');
      await term.waitFor(/log crashy\/log\/main /);
      term.keys('q');
      await term.waitFor(/[$#] *$/m);
    });
  },
);
