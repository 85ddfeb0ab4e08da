/**
 * Probe targets for the probes benchmark, in their own process so their CPU is not counted as yiwei's:
 * HTTP servers that record, per probe path (/p/<n>), when each check arrived, and TCP listeners that count
 * connections. GET /__stats?intervalMs=&since= on any HTTP port answers the counts and lateness percentiles
 * (gap between two checks of one probe − interval). Prints {"http":[ports],"tcp":[ports]} when listening.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';

const PORTS = Number(process.argv[2] ?? 8);
const arrivals = new Map<string, number[]>();
let tcpConnections = 0;
let httpRequests = 0;

function stats(intervalMs: number, since: number) {
  const late: number[] = [];
  let checks = 0;
  let seen = 0;
  for (const times of arrivals.values()) {
    const inWindow = times.filter((t) => t >= since);
    if (inWindow.length > 0) seen++;
    checks += inWindow.length;
    for (let i = 1; i < inWindow.length; i++) late.push(inWindow[i]! - inWindow[i - 1]! - intervalMs);
  }
  late.sort((a, b) => a - b);
  const p = (q: number) => (late.length ? late[Math.min(late.length - 1, Math.floor(q * late.length))]! : null);
  return { probesSeen: seen, checks, gaps: late.length, p50: p(0.5), p95: p(0.95), p99: p(0.99), max: late.length ? late[late.length - 1] : null, httpRequests, tcpConnections };
}

const http: number[] = [];
const tcp: number[] = [];
for (let i = 0; i < PORTS; i++) {
  const server = createHttpServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/__stats')) {
      const q = new URL(url, 'http://x').searchParams;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(stats(Number(q.get('intervalMs')), Number(q.get('since') ?? 0))));
      return;
    }
    if (url === '/__reset') {
      arrivals.clear();
      res.end('ok');
      return;
    }
    httpRequests++;
    const now = Date.now();
    const list = arrivals.get(url);
    if (list) list.push(now);
    else arrivals.set(url, [now]);
    res.setHeader('content-type', 'text/plain');
    res.end('ok');
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  http.push((server.address() as { port: number }).port);
  const t = createTcpServer((socket) => {
    tcpConnections++;
    socket.on('error', () => undefined);
    socket.end();
  });
  await new Promise<void>((r) => t.listen(0, '127.0.0.1', 4096, () => r()));
  tcp.push((t.address() as { port: number }).port);
}
console.log(JSON.stringify({ http, tcp }));
