import { createServer, type Socket } from 'node:net';
import type { CheckContext } from './probe-kind.ts';

/** A context whose signal fires after `timeoutMs`, as the engine's does; `abortAfterMs` fires it earlier. */
export function testContext(timeoutMs: number, abortAfterMs?: number): CheckContext {
  const signal = AbortSignal.timeout(abortAfterMs ?? timeoutMs);
  return { timeoutMs, signal };
}

/** True when `ms` is a latency rounded to 0.1 ms. */
export function isTenthOfMs(ms: number | null | undefined): boolean {
  return typeof ms === 'number' && ms >= 0 && Math.abs(Math.round(ms * 10) - ms * 10) < 1e-9;
}

/** A TCP port on 127.0.0.1 with nothing listening: bound once by the OS, then released. */
export async function closedTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** A TCP listener that accepts connections and never says a word, like a firewall-held or hung server. */
export async function silentTcpServer(): Promise<{ port: number; accepted: () => number; openSockets: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let acceptedCount = 0;
  const server = createServer((socket) => {
    acceptedCount += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    // Reading (and discarding) is what lets the server notice the client's close.
    socket.resume();
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    accepted: () => acceptedCount,
    openSockets: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
