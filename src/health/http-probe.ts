// `if failed port N protocol http [request "/p"] [status OP N] [content =|!= "re"]`: one GET over
// node:http, judged as monit does (spec: status ≥ 400 fails without a `status` clause, the body
// read up to 1 MB for `content`). The timeout bounds each attempt as a whole — connect, headers
// and body — so a server that answers the headers and then hangs still times out. `retry N` makes
// up to N more attempts within the same cycle; the last attempt's result is the one reported.
// The content pattern is a JavaScript regular expression: monit's are POSIX extended, which the
// common cases (literals, classes, anchors, alternation) write the same way.
import { request } from 'node:http';
import type { PortRule } from '../monitor/index.js';
import { compare } from '../monitor/index.js';
import { failure } from './tcp-probe.js';
import { probeResult, type Clock, type ProbeResult } from './probe-result.js';

/** monit reads at most this much of a body for `content`. */
export const MAX_CONTENT_BYTES = 1024 * 1024;

type HttpRule = Pick<PortRule, 'host' | 'port' | 'http' | 'content' | 'timeoutSeconds' | 'retry'>;

export async function probeHttp(rule: HttpRule, clock: Clock = Date.now): Promise<ProbeResult> {
  const started = clock();
  let result = await attempt(rule, clock);
  for (let i = 0; i < rule.retry && !result.ok; i++) result = await attempt(rule, clock);
  return { ...result, ms: Math.max(0, clock() - started) };
}

function attempt(rule: HttpRule, clock: Clock): Promise<ProbeResult> {
  const started = clock();
  const path = rule.http?.request ?? '/';
  const where = `http://${rule.host}:${rule.port}${path}`;
  const timeoutMs = rule.timeoutSeconds * 1000;
  return new Promise((resolve) => {
    const req = request({ host: rule.host, port: rule.port, path, method: 'GET', agent: false });
    const done = (result: ProbeResult) => {
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => done(probeResult('timeout', started, clock, `${where}: no answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.once('error', (error: NodeJS.ErrnoException) =>
      done(failure(error, where, started, clock)),
    );
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const judgeNow = () =>
        done(judge(rule, res.statusCode ?? 0, Buffer.concat(chunks), where, started, clock));
      if (rule.content === undefined) return judgeNow();
      res.on('data', (chunk: Buffer) => {
        if (size >= MAX_CONTENT_BYTES) return;
        chunks.push(chunk.subarray(0, MAX_CONTENT_BYTES - size));
        size += chunk.length;
        if (size >= MAX_CONTENT_BYTES) judgeNow();
      });
      res.once('end', judgeNow);
      res.once('error', (error: NodeJS.ErrnoException) =>
        done(failure(error, where, started, clock)),
      );
    });
    req.end();
  });
}

/** The status and content tests of a rule against one answer. */
export function judge(
  rule: Pick<PortRule, 'http' | 'content'>,
  status: number,
  body: Buffer,
  where: string,
  started: number,
  clock: Clock,
): ProbeResult {
  const wanted = rule.http?.status;
  const statusOk = wanted ? compare(status, wanted.op, wanted.value) : status < 400;
  if (!statusOk) {
    const expected = wanted ? `status ${wanted.op} ${wanted.value}` : 'status < 400';
    return probeResult(
      'status',
      started,
      clock,
      `${where}: status ${status}, expected ${expected}`,
      status,
    );
  }
  if (rule.content) {
    const matched = regex(rule.content.pattern)?.test(body.toString('utf8'));
    if (matched === undefined) {
      return probeResult(
        'error',
        started,
        clock,
        `${where}: content pattern is not a valid regular expression`,
        status,
      );
    }
    if (matched !== (rule.content.op === '=')) {
      const how = rule.content.op === '=' ? 'does not match' : 'matches';
      return probeResult(
        'content',
        started,
        clock,
        `${where}: content ${how} "${rule.content.pattern}"`,
        status,
      );
    }
  }
  return probeResult('ok', started, clock, `${where}: status ${status}`, status);
}

function regex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}
