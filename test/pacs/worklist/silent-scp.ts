import { createServer, type Socket } from 'node:net';

/** A TCP listener that accepts and never answers: counts connections, and says when our side closed one. */
export interface SilentScp {
  port: number;
  connections(): number;
  /** Resolves when the n-th accepted socket (1-based) has been closed by the client. */
  closedByClient(n: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSilentScp(): Promise<SilentScp> {
  const sockets: Socket[] = [];
  const closed: Promise<void>[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    // Read (and drop) what arrives, so the client's FIN is seen and 'close' fires.
    socket.resume();
    closed.push(new Promise<void>((resolve) => socket.once('close', () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => sockets.length,
    closedByClient: async (n) => {
      const p = closed[n - 1];
      if (!p) throw new Error(`only ${closed.length} connections`);
      await p;
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
