import client from 'prom-client';

/** Prometheus metrics for /metrics: process defaults plus HTTP and job figures. */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'yiwei_' });
  const httpRequests = new client.Counter({ name: 'yiwei_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const httpDuration = new client.Histogram({
    name: 'yiwei_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const logins = new client.Counter({ name: 'yiwei_logins_total', help: 'Login attempts by result', labelNames: ['result'], registers: [registry] });
  return { registry, httpRequests, httpDuration, logins, client };
}

export type Metrics = ReturnType<typeof createMetrics>;
