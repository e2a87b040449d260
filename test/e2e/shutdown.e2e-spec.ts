import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { METRICS_PORT_OFFSETS } from '@polybot/config';
import { createTestDatabase, type TestDatabase } from '@polybot/persistence';
import { startSimulatorProcess, type SimulatorProcess } from '../../apps/cli/src/process/simulator-process';
import { freePort, ROOT, startProcess, waitFor } from './support/processes';

const SERVICES = ['ingestor', 'strategy', 'risk', 'executor', 'api'] as const;

/** SIGTERM: every service stops its loops, lets in-flight jobs finish, closes its connections and exits 0 within 10 s. */
describe('graceful shutdown of each service on SIGTERM', () => {
  let db: TestDatabase;
  let sim: SimulatorProcess;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startSimulatorProcess({ port: 0, seed: 3, events: 6, tickMs: 500 });
    env = {
      ...process.env,
      ...sim.env,
      POLYBOT_DATABASE_URL: db.url,
      POLYBOT_QUEUE_PREFIX: `polybot-e2e-${randomUUID().slice(0, 8)}`,
      POLYBOT_API_PORT: String(await freePort()),
      POLYBOT_METRICS_PORT: '0',
      POLYBOT_LOOP_INTERVAL_SECONDS: '1',
    };
  }, 30_000);

  afterAll(async () => {
    await sim?.stop();
    await db?.drop();
  });

  it.each(SERVICES)('%s serves its metrics with Node\'s process metrics, then exits 0 within 10 s of SIGTERM, saying it stopped', async (service) => {
    // The base port that puts this service's metrics (base + its offset) on a port known to be free.
    const metricsPort = await freePort();
    const proc = startProcess([resolve(ROOT, `dist/apps/${service}/src/main.js`)], { ...env, POLYBOT_METRICS_PORT: String(metricsPort - METRICS_PORT_OFFSETS[service]) });
    await waitFor(`${service} to start`, async () => proc.output().includes(`"${service} started"`) || proc.output().includes(`${service} listening`), 20_000, proc.output);
    // Asserted after the stop, so a failure does not leave the service running.
    const exposition = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((response) => response.text(), (error: Error) => `scrape failed: ${error.message}`);
    // Let it do some work (cycles, sweeps, queue polls) before the signal.
    await new Promise((r) => setTimeout(r, 1500));
    const started = Date.now();
    const code = await proc.stop('SIGTERM');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(proc.output()).toContain(`"message":"${service} stopped"`);
    for (const name of ['process_resident_memory_bytes', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(exposition).toMatch(new RegExp(`^${name}\\{service="${service}"\\} [0-9.e+-]+$`, 'm'));
    }
  }, 40_000);
});
