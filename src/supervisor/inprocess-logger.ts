// The logger inside the supervisor: a log/run that is exactly `exec svtui multilog SCRIPT` runs
// as a LogWriter fed from the held pipe, with no extra process. To the slot it looks like a
// process whose pid is the supervisor's: TERM, INT, HUP and KILL end it (the partial last line is
// finished, as multilog does at end of input), ALRM rotates, STOP and CONT pause and resume
// reading. While a write is pending the pipe is not read, so a slow disk pushes back on the
// service through the kernel buffer instead of filling memory.
import { Socket } from 'node:net';
import { openMultilog } from '../log/inprocess.js';
import type { LogPipe } from './log-pipe.js';
import type { Launcher } from './launch.js';

export function inProcessLogger(
  words: string[],
  cwd: string,
  pipe: LogPipe,
  stderr: (text: string) => void,
): Launcher {
  return (callbacks) => {
    let socket: Socket | undefined;
    let ended = false;
    let stopped = false;
    let writing: Promise<void> = Promise.resolve();
    let writer: Awaited<ReturnType<typeof openMultilog>> | undefined;

    const end = (reason: Parameters<typeof callbacks.onExit>[0]) => {
      if (ended) return;
      ended = true;
      socket?.destroy();
      void writing
        .then(() => writer?.close())
        .catch((error: unknown) => stderr(`${String((error as Error).message ?? error)}\n`))
        .finally(() => callbacks.onExit(reason));
    };

    openMultilog(words, { cwd, stderr }).then(
      (opened) => {
        writer = opened;
        socket = new Socket({ fd: pipe.openReader(), readable: true, writable: false });
        socket.on('data', (chunk: Buffer) => {
          socket?.pause();
          writing = opened.write(chunk).then(
            () => {
              if (!stopped && !ended) socket?.resume();
            },
            (error: unknown) => {
              stderr(`${(error as Error).message}\n`);
              end({ kind: 'exit', code: 111 });
            },
          );
        });
        socket.on('end', () => end({ kind: 'exit', code: 0 }));
        socket.on('error', () => end({ kind: 'exit', code: 111 }));
        callbacks.onStarted(process.pid);
      },
      (error: unknown) => callbacks.onFailed((error as Error).message),
    );

    return {
      signal(signal) {
        if (signal === 'SIGALRM') void writing.then(() => writer?.rotate());
        else if (signal === 'SIGSTOP') {
          stopped = true;
          socket?.pause();
        } else if (signal === 'SIGCONT') {
          stopped = false;
          void writing.then(() => !stopped && !ended && socket?.resume());
        } else end({ kind: 'signal', signal: signal.replace(/^SIG/, '') });
      },
    };
  };
}
