// The engine with the real probes against a real HTTP server on 127.0.0.1 that can be told to
// fail or to hang: a failure is acted on in the cycle it is seen, and a hanging check, bounded
// by its own timeout, does not hold back another service's failing one.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HealthEngine, realProbes, type HealthEvent, type Intent } from '../../src/health/index.js';

let server: Server;
let port = 0;
let mode: 'ok' | 'fail' = 'ok';
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return;
    if (mode === 'fail') res.writeHead(500).end('broken');
    else res.end('ok');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((done) => server.close(done));
});

it('acts on a real failing HTTP check while another hangs', async () => {
  const seen: string[] = [];
  const intents: Intent[] = [];
  const events: HealthEvent[] = [];
  const engine = new HealthEngine({
    clock: Date.now,
    probes: realProbes(),
    figures: () => undefined,
    graceMs: 0,
    onIntent: (i) => {
      intents.push(i);
      seen.push(`intent ${i.service}`);
    },
    onEvent: (e) => events.push(e),
  });
  const http = (path: string) =>
    `if failed host 127.0.0.1 port ${port} protocol http request "${path}" timeout 2 seconds then restart`;
  engine.load('web', '/tmp', http('/health'), 'web/monitor');
  engine.started('web', '/tmp');
  engine.ready('web');
  await engine.tick();
  expect(intents).toEqual([]);

  engine.load('stuck', '/tmp', http('/hang'), 'stuck/monitor');
  engine.started('stuck', '/tmp');
  engine.ready('stuck');

  mode = 'fail';
  const cycle = engine.tick().then(() => seen.push('cycle settled'));
  await cycle;
  // web's restart came first; stuck's came only when its own 2 s timeout ran out.
  expect(seen).toEqual(['intent web', 'intent stuck', 'cycle settled']);
  expect(intents.map((i) => i.service)).toEqual(['web', 'stuck']);
  expect(intents[0]?.event.text).toContain('status 500');
  expect(intents[1]?.event.probe?.kind).toBe('timeout');
});
