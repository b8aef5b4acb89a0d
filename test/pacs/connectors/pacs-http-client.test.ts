import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFetch } from '../../../src/core/http.js';
import { createConnector } from '../../../src/pacs/connectors/create-connector.js';
import { createCircuitBreaker } from '../../../src/pacs/http/circuit-breaker.js';
import { createPacsHttpClient } from '../../../src/pacs/http/pacs-http-client.js';
import type { SiteConfig } from '../../../src/pacs/types.js';

let http: Server;
let base = '';
let hits = 0;
let answer: { status: number; body?: string } = { status: 200, body: '[]' };
let hang: TcpServer;
let hangUrl = '';
const sockets: Socket[] = [];

beforeAll(async () => {
  http = createServer((_req, res) => {
    hits++;
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? '');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  // A "PACS" that accepts the connection and never says a word.
  hang = createTcpServer((socket) => sockets.push(socket));
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
  hangUrl = `http://127.0.0.1:${(hang.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => hang.close(r));
  await new Promise((r) => http.close(r));
});

const fetch = createFetch({ timeoutMs: 2000 });

describe('PACS HTTP client', () => {
  it('treats 204 and an empty body as no content', async () => {
    const client = createPacsHttpClient(base, { fetch, label: 't' });
    answer = { status: 204 };
    expect(await client.get('/studies')).toBeUndefined();
    answer = { status: 200, body: '' };
    expect(await client.get('/studies')).toBeUndefined();
  });

  it('retries idempotent reads on 5xx but never a write', async () => {
    const client = createPacsHttpClient(base, { fetch, label: 't', retries: 2, retryDelayMs: 1 });
    answer = { status: 503, body: '{}' };
    hits = 0;
    await expect(client.get('/system')).rejects.toMatchObject({ pacsCode: 'pacs_bad_response', status: 503 });
    expect(hits).toBe(3);
    hits = 0;
    await expect(client.post('/jobs/x/resubmit', {})).rejects.toMatchObject({ status: 503 });
    expect(hits).toBe(1);
  });

  it('R5: opens the circuit after 3 failures, fails fast, and half-opens after the cool-down', async () => {
    let now = 1_000_000;
    const breaker = createCircuitBreaker({ threshold: 3, coolDownMs: 30_000, now: () => now });
    const client = createPacsHttpClient(base, { fetch, label: 'main', retries: 0, breaker });
    answer = { status: 500, body: '{}' };
    hits = 0;
    for (let i = 0; i < 3; i++) await expect(client.get('/system')).rejects.toMatchObject({ status: 500 });
    expect(breaker.state()).toBe('open');
    const t0 = performance.now();
    const error = await client.get('/system').catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(error).toMatchObject({
      pacsCode: 'pacs_circuit_open',
      message: expect.stringMatching(/circuit open.*30 s/),
    });
    expect(hits).toBe(3);

    now += 30_000; // half-open: one probe goes through; it fails, so the circuit opens again
    await expect(client.get('/system')).rejects.toMatchObject({ status: 500 });
    expect(breaker.state()).toBe('open');
    await expect(client.get('/system')).rejects.toMatchObject({ pacsCode: 'pacs_circuit_open' });

    now += 30_000; // the next probe succeeds and closes it
    answer = { status: 200, body: '{"Version":"1.10.1"}' };
    expect(await client.get('/system')).toEqual({ Version: '1.10.1' });
    expect(breaker.state()).toBe('closed');
    expect(hits).toBe(5);
  });

  it('does not count a 4xx answer (the PACS is up) as a failure', async () => {
    const breaker = createCircuitBreaker({ threshold: 1 });
    const client = createPacsHttpClient(base, { fetch, label: 't', breaker });
    answer = { status: 404, body: '{}' };
    await expect(client.get('/jobs/x')).rejects.toMatchObject({ pacsCode: 'pacs_not_found' });
    expect(breaker.state()).toBe('closed');
  });

  it('R5: gives a timeout error, not silence, when the PACS accepts and never answers', async () => {
    const client = createPacsHttpClient(hangUrl, { fetch: createFetch({ timeoutMs: 300 }), label: 'main', retries: 0 });
    const t0 = performance.now();
    const error = await client.get('/system').catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(error).toMatchObject({ pacsCode: 'pacs_timeout', userMessage: 'The PACS did not answer in time.' });
    expect((error as Error).message).not.toMatch(/127\.0\.0\.1/);
  });

  it('R5: caps requests in flight to one endpoint (bulkhead): the next fails fast with pacs_busy, and the slot frees', async () => {
    // Its own silent "PACS", so only this test's requests are seen: it reads each request line and never answers.
    const mine: Socket[] = [];
    const paths: string[] = [];
    const silent = createTcpServer((socket) => {
      mine.push(socket);
      socket.once('data', (chunk) => paths.push(String(chunk).split(' ')[1] ?? '?'));
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const client = createPacsHttpClient(url, {
      // Long enough for both held requests to arrive on a loaded machine; the refusal does not wait for it.
      fetch: createFetch({ timeoutMs: 1500 }),
      label: 'main',
      retries: 0,
      maxConcurrent: 2,
    });
    const held = [client.get('/a').catch((e: unknown) => e), client.get('/b').catch((e: unknown) => e)];
    const refused = await client.get('/c').catch((e: unknown) => e);
    expect(refused).toMatchObject({ pacsCode: 'pacs_busy' });
    await vi.waitFor(() => expect(paths.sort()).toEqual(['/a', '/b']), { timeout: 1400 });
    for (const e of await Promise.all(held)) expect(e).toMatchObject({ pacsCode: 'pacs_timeout' });
    // The refused request never reached the PACS; the freed slot lets the next one through.
    await expect(client.get('/d')).rejects.toMatchObject({ pacsCode: 'pacs_timeout' });
    expect(paths.sort()).toEqual(['/a', '/b', '/d']);
    for (const s of mine) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  it('reports a hanging PACS as unreachable in status and echo', async () => {
    const site: SiteConfig = { id: 'hung', name: 'Hung', kind: 'orthanc', restUrl: hangUrl, aliases: [] };
    const connector = createConnector(site, { fetch: createFetch({ timeoutMs: 300 }), retries: 0, echoTimeoutMs: 300 });
    expect(await connector.status()).toMatchObject({ reachable: false, problem: 'The PACS did not answer in time.' });
    expect(await connector.echo({ alias: 'ct', via: 'pacs' })).toMatchObject({ ok: false, cause: 'unreachable' });
  });

  it('maps a refused connection to pacs_unreachable', async () => {
    const client = createPacsHttpClient('http://127.0.0.1:9', { fetch, label: 'main', retries: 0 });
    await expect(client.get('/system')).rejects.toMatchObject({ pacsCode: 'pacs_unreachable' });
  });
});
