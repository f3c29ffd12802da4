// The logger inside the supervisor: a log/run that is exactly `exec svtui multilog SCRIPT` runs
// as a LogWriter fed from the held pipe, with no extra process. To the slot it looks like a
// process whose pid is IN_PROCESS_PID (src/codec/inprocess-pid.ts: never a real process, so no
// `kill -9` of svstat's pid can reach the supervisor): TERM, INT, HUP and KILL end it (the
// partial last line is finished, as multilog does at end of input), ALRM rotates, STOP and CONT
// pause and resume reading. While a write is pending the pipe is not read, so a slow disk pushes
// back on the service through the kernel buffer instead of filling memory. The reader outlives
// each run, so bytes read ahead are kept for the next one. The lines read are counted on the
// pipe, for the resource history's log lines per second.
import { IN_PROCESS_PID } from '../codec/inprocess-pid.js';
import { openMultilog, type LogWriter } from '../log/inprocess.js';
import type { ExitReason } from '../codec/history.js';
import type { LogPipe } from './log-pipe.js';
import type { Launcher } from './launch.js';

const NEWLINE = 0x0a;

export function inProcessLogger(
  words: string[],
  cwd: string,
  pipe: LogPipe,
  stderr: (text: string) => void,
): Launcher {
  return (callbacks) => {
    const socket = pipe.reader();
    let writer: LogWriter | undefined;
    let ended = false;
    let stopped = false;
    let writing: Promise<void> = Promise.resolve();

    const resume = () => {
      if (!stopped && !ended) socket.resume();
    };
    const onData = (chunk: Buffer) => {
      socket.pause();
      let lines = pipe.linesRead ?? 0;
      for (let i = chunk.indexOf(NEWLINE); i >= 0; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
      pipe.linesRead = lines;
      const current = writer;
      if (!current) return;
      writing = current.write(chunk).then(resume, (error: unknown) => {
        stderr(`${(error as Error).message}\n`);
        end({ kind: 'exit', code: 111 });
      });
    };
    const onEnd = () => end({ kind: 'exit', code: 0 });
    const end = (reason: ExitReason) => {
      if (ended) return;
      ended = true;
      socket.pause();
      socket.off('data', onData).off('end', onEnd);
      void writing
        .then(() => writer?.close())
        .catch((error: unknown) => stderr(`${(error as Error).message}\n`))
        .finally(() => callbacks.onExit(reason));
    };

    openMultilog(words, { cwd, stderr }).then(
      (opened) => {
        writer = opened;
        pipe.linesRead ??= 0;
        socket.on('data', onData).on('end', onEnd);
        callbacks.onStarted(IN_PROCESS_PID);
        resume();
      },
      (error: unknown) => callbacks.onFailed((error as Error).message),
    );

    return {
      signal(signal) {
        if (signal === 'SIGALRM') void writing.then(() => writer?.rotate());
        else if (signal === 'SIGSTOP') {
          stopped = true;
          socket.pause();
        } else if (signal === 'SIGCONT') {
          stopped = false;
          void writing.then(resume);
        } else end({ kind: 'signal', signal: signal.replace(/^SIG/, '') });
      },
    };
  };
}
