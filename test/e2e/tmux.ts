// A real terminal for end-to-end tests: a tmux server on its own socket (-L), one session at a
// fixed size running the console, keys sent with send-keys, the screen read with capture-pane.
// `close()` (call it from afterAll) kills that server by its socket (kill-server), then by pid.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface TerminalOptions {
  columns: number;
  rows: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

let counter = 0;

export class Terminal {
  private readonly socket = `svtui-e2e-${process.pid}-${counter++}`;
  private serverPid: number | undefined;

  constructor(
    command: string[],
    private readonly options: TerminalOptions,
  ) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, ...options.env })) {
      if (v !== undefined && k !== 'CI' && k !== 'TMUX') env[k] = v;
    }
    const line = command.map(shellQuote).join(' ');
    // The pane stays after the program exits (remain-on-exit), so its last screen can be read.
    this.tmux(
      [
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-x',
        String(options.columns),
        '-y',
        String(options.rows),
        `${line}; echo "[exited $?]"; sleep 600`,
      ],
      env,
    );
    const pid = this.tmux(['display-message', '-p', '#{pid}']).trim();
    this.serverPid = Number(pid) || undefined;
  }

  /** The screen as text, one string per row. */
  text(): string {
    return this.tmux(['capture-pane', '-p']);
  }

  /** The screen with its SGR attributes (colours, inverse), as the terminal holds it. */
  ansi(): string {
    return this.tmux(['capture-pane', '-p', '-e']);
  }

  pipe(file: string): void {
    this.tmux(file ? ['pipe-pane', '-o', `cat > ${file}`] : ['pipe-pane']);
  }

  /** The pid of the program the pane's shell started (the console). */
  programPid(): number {
    const shell = this.tmux(['display-message', '-p', '#{pane_pid}']).trim();
    const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim();
    return Number(children.split(' ')[0]);
  }

  title(): string {
    return this.tmux(['display-message', '-p', '#{pane_title}']).trim();
  }

  /** Keys as tmux names them: 'j', 'Enter', 'Escape', 'Tab', 'PageUp', 'C-c'. */
  keys(...names: string[]): void {
    this.tmux(['send-keys', ...names]);
  }

  /** Literal text (send-keys -l). */
  type(text: string): void {
    this.tmux(['send-keys', '-l', text]);
  }

  /** Wait until the screen matches; returns the screen. Throws with the last screen on timeout. */
  async waitFor(pattern: RegExp | string, timeoutMs = 8000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    for (;;) {
      screen = this.text();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen))
        return screen;
      if (Date.now() > deadline) {
        throw new Error(`screen never showed ${String(pattern)}; last screen:\n${screen}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Any tmux command on this terminal's server (`set-option`, `show-buffer`); its output. */
  command(...args: string[]): string {
    return this.tmux(args);
  }

  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { encoding: 'utf8' });
    if (this.serverPid) {
      try {
        process.kill(this.serverPid, 'SIGKILL');
      } catch {
        /* gone */
      }
      this.serverPid = undefined;
    }
  }

  private tmux(args: string[], env?: Record<string, string>): string {
    const r = spawnSync('tmux', ['-L', this.socket, ...args], {
      encoding: 'utf8',
      env: env ?? (process.env as Record<string, string>),
      cwd: this.options.cwd,
    });
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr.trim()}`);
    return r.stdout;
  }
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
