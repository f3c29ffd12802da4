// `if failed port N` without a protocol: a TCP connect, closed as soon as it succeeds. The
// socket is destroyed on every outcome, and the timeout covers name resolution and the connect.
import { connect } from 'node:net';
import { probeResult, type Clock, type ProbeResult } from './probe-result.js';

export function probeTcp(
  host: string,
  port: number,
  timeoutMs: number,
  clock: Clock = Date.now,
): Promise<ProbeResult> {
  const started = clock();
  const where = `${host}:${port}`;
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: ProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        done(
          probeResult('timeout', started, clock, `no connection to ${where} in ${timeoutMs} ms`),
        ),
      timeoutMs,
    );
    socket.once('connect', () => done(probeResult('ok', started, clock, `connected to ${where}`)));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(failure(error, where, started, clock)),
    );
  });
}

export function failure(
  error: NodeJS.ErrnoException,
  where: string,
  started: number,
  clock: Clock,
): ProbeResult {
  const refused = ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'];
  const kind = refused.includes(error.code ?? '') ? 'refused' : 'error';
  return probeResult(kind, started, clock, `${where}: ${error.code ?? error.message}`);
}
