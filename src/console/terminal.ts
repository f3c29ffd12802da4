// The alternate screen, entered by hand (Ink 6 has no option for it) and left on every way out:
// a normal return, a signal, an uncaught exception or rejection; the keyboard's raw mode is
// undone with it, so even a crash hands back a usable terminal. `leave` is idempotent. Ctrl-Z
// (`suspend`) hands the terminal back to the shell as it was and takes it again on `fg`.

export interface ScreenGuard {
  leave(): void;
  /** Give the terminal back and stop this process (SIGTSTP); on SIGCONT take it again. */
  suspend(onResume: () => void): void;
}

const enter = '\x1b[?1049h\x1b[H\x1b[2J';
const restore = '\x1b[?25h\x1b[0m\x1b[?1049l';

export function enterAlternateScreen(
  out: NodeJS.WriteStream,
  onSignal: (signal: NodeJS.Signals) => void,
): ScreenGuard {
  let active = true;
  // The terminal can vanish (SSH drops, tmux is killed): writing then fails with EIO. There is
  // nobody left to show anything to, so such errors are dropped instead of crashing on exit.
  out.on('error', () => undefined);
  out.write(enter);
  const leave = () => {
    if (!active) return;
    active = false;
    if (out.writable) out.write(restore);
    setRaw(false);
    process.off('exit', leave);
    for (const [signal, handler] of handlers) process.off(signal, handler);
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map(
    (signal) => [signal, () => onSignal(signal)] as const,
  );
  const crash = (error: unknown) => {
    leave();
    process.stderr.write(
      `svtui: fatal: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(111);
  };
  process.on('exit', leave);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const suspend = (onResume: () => void) => {
    if (!active) return;
    out.write(restore);
    setRaw(false);
    process.once('SIGCONT', () => {
      out.write(enter);
      setRaw(true);
      onResume();
    });
    process.kill(process.pid, 'SIGTSTP');
  };
  return { leave, suspend };
}

/** Raw mode on or off; a terminal that is gone (EIO) is left as it is. */
function setRaw(on: boolean): void {
  try {
    if (process.stdin.isTTY) process.stdin.setRawMode(on);
  } catch {
    // The terminal vanished.
  }
}
