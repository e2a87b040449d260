import { request } from 'node:http';
import { createMetrics } from './metrics';
import { startMetricsServer, type MetricsServer } from './metrics-server';

function get(port: number, path: string, method = 'GET'): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startMetricsServer', () => {
  const metrics = createMetrics('ingestor');
  let server: MetricsServer;

  beforeAll(async () => {
    server = await startMetricsServer(metrics.registry, { host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server.close());

  it('listens on a real free port', () => {
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves the current samples at GET /metrics in the text exposition format', async () => {
    metrics.venueCalls.inc({ endpoint: 'gamma_events', outcome: 'ok' });
    metrics.venueCalls.inc({ endpoint: 'gamma_events', outcome: 'ok' });
    metrics.marketsPerCycle.set(42);

    const response = await get(server.port, '/metrics');

    expect(response.status).toBe(200);
    expect(response.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = response.body.split('\n');
    expect(lines).toContain('polybot_venue_calls_total{endpoint="gamma_events",outcome="ok",service="ingestor"} 2');
    expect(lines).toContain('polybot_markets_per_cycle{service="ingestor"} 42');
    expect(lines).toContain('# TYPE polybot_venue_calls_total counter');
  });

  it('ignores a query string on /metrics', async () => {
    expect((await get(server.port, '/metrics?format=text')).status).toBe(200);
  });

  it.each([
    ['GET', '/'],
    ['GET', '/metrics/extra'],
    ['POST', '/metrics'],
  ])('answers %s %s with 404', async (method, path) => {
    expect((await get(server.port, path, method)).status).toBe(404);
  });

  it('closes even while a client holds a keep-alive connection', async () => {
    const other = await startMetricsServer(createMetrics('strategy').registry, { host: '127.0.0.1', port: 0 });
    const response = await fetch(`http://127.0.0.1:${other.port}/metrics`);
    expect(response.status).toBe(200);
    await response.text();
    await other.close();
    await expect(get(other.port, '/metrics')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('rejects when the port is already taken', async () => {
    await expect(startMetricsServer(metrics.registry, { host: '127.0.0.1', port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
