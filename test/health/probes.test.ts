// The real probes against real servers on 127.0.0.1 (ephemeral ports) and real scripts; every
// server is closed and every process group killed by the time the file ends.
import { mkdtemp, rm, writeFile, chmod, readFile } from 'node:fs/promises';
import { createServer as createHttp, type Server as HttpServer } from 'node:http';
import { createServer as createTcp, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitor, type PortRule, type ProgramRule } from '../../src/monitor/index.js';
import { probeHttp, probeProgram, probeTcp } from '../../src/health/index.js';
import { waitFor } from '../support/processes.js';

let tcp: Server;
let http: HttpServer;
let httpPort = 0;
let dir = '';
const sockets = new Set<import('node:net').Socket>();

function port(server: Server | HttpServer): number {
  return (server.address() as AddressInfo).port;
}

async function listen(server: Server | HttpServer): Promise<void> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'svtui-health-'));
  tcp = createTcp((s) => s.end());
  http = createHttp((req, res) => {
    if (req.url === '/ok') res.end('all good\n');
    else if (req.url === '/fail') res.writeHead(503).end('down\n');
    else if (req.url === '/headers-then-hang') res.writeHead(200).write('partial');
    else if (req.url === '/hang') return;
    else res.writeHead(404).end();
  });
  http.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await listen(tcp);
  await listen(http);
  httpPort = port(http);
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((done) => tcp.close(done));
  await new Promise((done) => http.close(done));
  await rm(dir, { recursive: true, force: true });
});

function rule(line: string): PortRule {
  const parsed = parseMonitor(line, 'monitor');
  expect(parsed.errors).toEqual([]);
  return parsed.rules[0] as PortRule;
}

function program(line: string): ProgramRule {
  const parsed = parseMonitor(line, 'monitor');
  expect(parsed.errors).toEqual([]);
  return parsed.rules[0] as ProgramRule;
}

describe('probeTcp', () => {
  it('connects to a listening port', async () => {
    const result = await probeTcp('127.0.0.1', port(tcp), 2000);
    expect(result).toMatchObject({ ok: true, kind: 'ok' });
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it('says refused for a closed port', async () => {
    const closed = createTcp();
    await listen(closed);
    const free = port(closed);
    await new Promise((done) => closed.close(done));
    expect(await probeTcp('127.0.0.1', free, 2000)).toMatchObject({ ok: false, kind: 'refused' });
  });
  // A connect that times out is not tested: this sandbox answers connects to any address.
});

describe('probeHttp', () => {
  const http = (rest: string) =>
    rule(`if failed host 127.0.0.1 port ${httpPort} protocol http ${rest} then alert`);

  it('passes on 200 with matching content', async () => {
    const result = await probeHttp(http('request "/ok" status = 200 content = "good"'));
    expect(result).toMatchObject({ ok: true, kind: 'ok', code: 200 });
  });

  it('fails on a status of 400 and more without a status clause', async () => {
    expect(await probeHttp(http('request "/fail"'))).toMatchObject({
      ok: false,
      kind: 'status',
      code: 503,
    });
  });

  it('fails on content that does not match, or matches with !=', async () => {
    expect(await probeHttp(http('request "/ok" content = "^bad"'))).toMatchObject({
      kind: 'content',
    });
    expect(await probeHttp(http('request "/ok" content != "good"'))).toMatchObject({
      kind: 'content',
    });
  });

  it('times out on a server that hangs, or sends headers and then hangs, and retries', async () => {
    const hang = await probeHttp(http('request "/hang" timeout 1 seconds'));
    expect(hang).toMatchObject({ ok: false, kind: 'timeout' });
    const partial = await probeHttp(
      http('request "/headers-then-hang" content = "x" timeout 1 seconds retry 1'),
    );
    expect(partial).toMatchObject({ ok: false, kind: 'timeout' });
    expect(partial.ms).toBeGreaterThanOrEqual(1900);
  });
});

describe('probeProgram', () => {
  it('runs in the service directory and compares the exit status', async () => {
    await writeFile(
      join(dir, 'check'),
      '#!/bin/sh\n[ -f ./healthy ] || { echo "no ./healthy"; exit 3; }\n',
    );
    await chmod(join(dir, 'check'), 0o755);
    const failing = await probeProgram(program('if failed program "./check" then alert'), {
      cwd: dir,
    });
    expect(failing).toMatchObject({ ok: false, kind: 'exit', code: 3 });
    expect(failing.text).toContain('no ./healthy');
    await writeFile(join(dir, 'healthy'), '');
    expect(
      await probeProgram(program('if failed program "./check" then alert'), { cwd: dir }),
    ).toMatchObject({
      ok: true,
      code: 0,
    });
    const three = program('if failed program "./check" status = 3 then alert');
    await rm(join(dir, 'healthy'));
    expect(await probeProgram(three, { cwd: dir })).toMatchObject({ ok: true, code: 3 });
  });

  it('kills the whole process group on timeout', async () => {
    const pidFile = join(dir, 'sleeper.pid');
    await writeFile(join(dir, 'hang'), `#!/bin/sh\nsleep 30 &\necho $! > ${pidFile}\nwait\n`);
    await chmod(join(dir, 'hang'), 0o755);
    const result = await probeProgram(
      program('if failed program "./hang" with timeout 1 seconds then alert'),
      { cwd: dir },
    );
    expect(result).toMatchObject({ ok: false, kind: 'timeout' });
    const sleeper = Number(await readFile(pidFile, 'utf8'));
    const alive = () => {
      try {
        process.kill(sleeper, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(await waitFor(() => !alive(), 3000)).toBe(true);
  });

  it('says so when the program cannot be run', async () => {
    const result = await probeProgram(program('if failed program "./missing" then alert'), {
      cwd: dir,
    });
    expect(result).toMatchObject({ ok: false, kind: 'error' });
  });
});
