// A tmux control-mode client (`tmux -C`): one long-lived connection over which the benches send
// commands and read their output, instead of spawning a tmux process per capture-pane (a few ms
// each). A command's round trip is then a fraction of a millisecond, so capture-pane can be
// polled fast enough to time a key to the screen.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export class TmuxControl {
  /** Attach to `session` on the server at `socket` (which must already run it). */
  constructor(socket, session) {
    this.child = spawn(
      'tmux',
      ['-L', socket, '-C', 'attach-session', '-f', 'no-output,ignore-size', '-t', session],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    this.child.stdout.setEncoding('utf8');
    this.pending = [];
    this.rest = '';
    this.block = undefined;
    this.child.stdout.on('data', (data) => this.read(data));
    this.child.on('exit', () => {
      for (const p of this.pending.splice(0)) p.reject(new Error('tmux control client exited'));
    });
  }

  /** Resolves once the connection answers (and drops the attach's own reply). */
  async ready() {
    const mark = `svtui-bench-ready-${process.pid}`;
    await this.command(`display-message -p ${mark}`, (text) => text.includes(mark));
  }

  /**
   * Run one tmux command; resolves to its output (a string). `accept` lets ready() skip a reply
   * that belongs to no command of ours.
   */
  command(line, accept) {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject, accept });
      this.child.stdin.write(`${line}\n`);
    });
  }

  /** The pane's screen as text (with SGR escapes when `escapes`). */
  capture(target, escapes = false) {
    return this.command(`capture-pane -p${escapes ? ' -e' : ''} -t ${target}`);
  }

  read(data) {
    const lines = (this.rest + data).split('\n');
    this.rest = lines.pop();
    for (const line of lines) {
      if (this.block) {
        if (line.startsWith('%end ') || line.startsWith('%error ')) {
          const text = this.block.join('\n');
          this.block = undefined;
          const head = this.pending[0];
          if (!head) continue;
          if (head.accept && !head.accept(text)) continue;
          this.pending.shift();
          if (line.startsWith('%error ')) head.reject(new Error(`tmux: ${text}`));
          else head.resolve(text);
        } else this.block.push(line);
      } else if (line.startsWith('%begin ')) this.block = [];
      // Anything else outside a block is a notification (%layout-change, %exit…): ignored.
    }
  }

  close() {
    this.child.stdin.end();
    this.child.kill('SIGTERM');
  }
}

/** Time `n` capture-pane round trips; the harness's own cost per poll, in ms. */
export async function captureCost(tmux, target, n = 200) {
  const start = performance.now();
  for (let i = 0; i < n; i++) await tmux.capture(target, true);
  return (performance.now() - start) / n;
}
