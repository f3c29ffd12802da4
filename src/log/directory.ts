// One log directory as multilog keeps it (spec §4.2, §4.5): start-up recovery, appending with
// rotation, and the exact files left behind (the processor is in processor.ts). Every failure after start-up is
// multilog's "warn, pause, retry": no byte is dropped and nothing throws.
import { constants as C } from 'node:fs';
import { join } from 'node:path';
import { formatLabel } from '../codec/tai64n.js';
import { describeError, errorCode } from '../codec/errors.js';
import { retrying, type Context } from './pause.js';
import { runProcessor } from './processor.js';
import type { DirectorySpec } from './types.js';
import { expiredFiles } from './retention.js';
import { planWrite, rotateAfter } from './rotation.js';

const APPEND = C.O_WRONLY | C.O_NONBLOCK | C.O_APPEND | C.O_CREAT;
const TRUNC = C.O_WRONLY | C.O_NONBLOCK | C.O_TRUNC | C.O_CREAT;
const OWNER_EXECUTE = 0o100;

export type { Context } from './pause.js';

export type { DirectorySpec } from './types.js';

export class LogDirectory {
  private fd = -1;
  private bytes = 0;
  private unlock: (() => void) | undefined;

  private constructor(
    private readonly spec: DirectorySpec,
    private readonly ctx: Context,
  ) {}

  /** Open, lock and recover `spec` as multilog does at start; throws a one-line Error if refused. */
  static async open(spec: DirectorySpec, ctx: Context): Promise<LogDirectory> {
    const dir = new LogDirectory(spec, ctx);
    const { port } = ctx;
    const fatal = (what: string, error: unknown) =>
      new Error(`multilog: fatal: unable to ${what} ${spec.name}: ${describeError(error)}`);
    let existed = false;
    try {
      port.mkdir(spec.path, 0o700);
    } catch (error) {
      // as multilog: the directory may exist; opening it below says what is wrong
      existed = errorCode(error) === 'EEXIST';
    }
    try {
      const info = port.stat(spec.path);
      if (!info) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      if (!info.isDirectory) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    } catch (error) {
      throw fatal('open directory', error);
    }
    let lock;
    try {
      lock = await port.lock(dir.file('lock'));
    } catch (error) {
      throw fatal('lock directory', error);
    }
    if (!lock.ok) throw fatal('lock directory', { code: lock.code });
    dir.unlock = lock.release;
    const clean = await dir.recover();
    ctx.staleError = existed && clean ? 'file already exists' : 'file does not exist';
    return dir;
  }

  /** Append data[start, end), rotating as planned. */
  async append(data: Buffer, start: number, end: number): Promise<void> {
    while (start < end) {
      const step = planWrite(this.bytes, this.spec.size, data, start, end);
      if (step.rotateFirst) {
        await this.rotate();
        continue;
      }
      const written = await retrying(this.ctx, `write to ${this.spec.name}/current`, () => {
        const n = this.ctx.port.write(this.fd, data, start, step.length);
        if (n <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
        return n;
      });
      this.bytes += written;
      start += written;
      if (rotateAfter(this.bytes, this.spec.size, data[start - 1])) await this.rotate();
    }
  }

  /** multilog's ALRM: rotate when current is not empty. */
  async rotateIfNotEmpty(): Promise<void> {
    if (this.bytes > 0) await this.rotate();
  }

  /** End of input: fsync current, mark it complete (0744), release the lock. */
  async close(): Promise<void> {
    if (this.fd < 0) return;
    const { port } = this.ctx;
    await retrying(this.ctx, `sync ${this.spec.name}/current`, () => port.fsync(this.fd));
    await retrying(this.ctx, `set mode of ${this.spec.name}/current`, () =>
      port.fchmod(this.fd, 0o744),
    );
    port.close(this.fd);
    this.fd = -1;
    this.unlock?.();
    this.unlock = undefined;
  }

  /** Give up the directory without finishing current (a later directory failed at start). */
  release(): void {
    if (this.fd >= 0) this.ctx.port.close(this.fd);
    this.fd = -1;
    this.unlock?.();
    this.unlock = undefined;
  }

  private file(name: string): string {
    return join(this.spec.path, name);
  }

  /**
   * Start-up: reuse a cleanly closed current, or recover what a crash left (spec §4.2); true if
   * clean. As in multilog, a failure here is fatal (`unable to stat DIR/current`, `unable to append
   * to DIR/current`, `unable to write to DIR/state`, …) except inside finishing a file, which
   * pauses and retries, and the unlinking of state and newstate, whose failure is ignored.
   */
  private async recover(): Promise<boolean> {
    const { port } = this.ctx;
    const name = this.spec.name;
    const fatally = <T>(what: string, action: () => T): T => {
      try {
        return action();
      } catch (error) {
        throw new Error(`multilog: fatal: unable to ${what}: ${describeError(error)}`);
      }
    };
    const current = fatally(`stat ${name}/current`, () => port.stat(this.file('current')));
    if (current && current.mode & OWNER_EXECUTE) {
      this.fd = fatally(`append to ${name}/current`, () =>
        port.open(this.file('current'), APPEND, 0o600),
      );
      fatally(`set mode of ${name}/current`, () => port.fchmod(this.fd, 0o644));
      this.bytes = current.size;
      return true;
    }
    for (const stale of ['state', 'newstate']) {
      try {
        port.unlink(this.file(stale));
      } catch {
        // multilog does not look at these unlinks' results
      }
    }
    const processed = fatally(`stat ${name}/processed`, () => port.stat(this.file('processed')));
    if (processed && processed.mode & OWNER_EXECUTE) {
      await this.remove('previous');
      await this.finish('processed', 's');
    } else {
      await this.remove('processed');
      await this.finish('previous', 'u');
    }
    await this.finish('current', 'u');
    const state = fatally(`write to ${name}/state`, () =>
      port.open(this.file('state'), TRUNC, 0o644),
    );
    port.close(state);
    this.fd = fatally(`write to ${name}/current`, () =>
      port.open(this.file('current'), APPEND, 0o600),
    );
    fatally(`set mode of ${name}/current`, () => port.fchmod(this.fd, 0o644));
    this.bytes = 0;
    return false;
  }

  private async createCurrent(): Promise<void> {
    const { port } = this.ctx;
    this.fd = await retrying(this.ctx, `create ${this.spec.name}/current`, () =>
      port.open(this.file('current'), APPEND, 0o600),
    );
    await retrying(this.ctx, `set mode of ${this.spec.name}/current`, () =>
      port.fchmod(this.fd, 0o644),
    );
    this.bytes = 0;
  }

  private async remove(name: string): Promise<void> {
    await retrying(this.ctx, `remove ${this.spec.name}/${name}`, () =>
      this.ctx.port.unlink(this.file(name)),
    );
  }

  /** Keep `name` as `@<now>.<code>` (unless already linked), remove it, apply the n limit. */
  private async finish(name: string, code: 's' | 'u'): Promise<void> {
    const { port } = this.ctx;
    const info = await retrying(this.ctx, `stat ${this.spec.name}/${name}`, () =>
      port.stat(this.file(name)),
    );
    if (!info) return;
    if (info.nlink === 1) {
      await retrying(this.ctx, `link to ${this.spec.name}/@...`, () => {
        // Two rotations within one clock tick would clash: read the clock again.
        for (let attempt = 0; ; attempt++) {
          try {
            return port.link(this.file(name), this.file(`${formatLabel(port.now())}.${code}`));
          } catch (error) {
            if (errorCode(error) !== 'EEXIST' || attempt >= 100) throw error;
          }
        }
      });
    }
    await this.remove(name);
    // As multilog: list the directory, remove the oldest, again until few enough remain; a
    // failure of either (an `@…` that is a directory, say) is `unable to read DIR`.
    for (;;) {
      const done = await retrying(this.ctx, `read ${this.spec.name}`, () => {
        const [oldest] = expiredFiles(port.readdir(this.spec.path), this.spec.count);
        if (oldest === undefined) return true;
        port.unlink(this.file(oldest));
        return false;
      });
      if (done) break;
    }
  }

  private async rotate(): Promise<void> {
    const { port } = this.ctx;
    const name = this.spec.name;
    await retrying(this.ctx, `sync ${name}/current`, () => port.fsync(this.fd));
    port.close(this.fd);
    await retrying(this.ctx, `rename current to previous in directory ${name}`, () =>
      port.rename(this.file('current'), this.file('previous')),
    );
    await this.createCurrent();
    await retrying(this.ctx, `set mode of ${name}/previous`, () =>
      port.chmod(this.file('previous'), 0o744),
    );
    if (this.spec.processor === undefined) await this.finish('previous', 's');
    else {
      await runProcessor(this.ctx, this.spec, this.spec.processor);
      await this.finish('processed', 's');
    }
  }
}
