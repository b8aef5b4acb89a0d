import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetch } from '../../src/core/http.js';
import { createMirthEngine } from '../../src/interfaces/mirth/mirth-client.js';

// A real HTTPS server on loopback with a self-signed certificate, as a default Mirth install has.
let dir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mirth-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  server = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('Mirth over HTTPS with a self-signed certificate', () => {
  it('refuses it (verification stays on) and says which setting would trust it', async () => {
    const mirth = createMirthEngine({ url, user: 'u', password: 'p', fetch: createFetch({ timeoutMs: 2000 }) });
    const error = await mirth.channels().catch((e: unknown) => e);
    expect(error).toMatchObject({ engineCode: 'engine_tls', code: 'config_invalid' });
    expect((error as Error).message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect((error as Error).message).toContain('NODE_EXTRA_CA_CERTS');
  });
});
