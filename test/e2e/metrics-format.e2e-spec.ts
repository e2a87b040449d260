import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetrics, type PolybotMetrics } from '@polybot/observability';

const ROOT = join(__dirname, '..', '..');
const INSTALL_HINT = 'install promtool (Debian: `apt-get install -y prometheus`), which .ci/run does when it is missing';

/** Every metric name libs/observability declares, read from its source so a new metric is covered too. */
function declaredMetricNames(): string[] {
  const source = readFileSync(join(ROOT, 'libs', 'observability', 'src', 'metrics.ts'), 'utf8');
  return [...source.matchAll(/name:\s*'(polybot_[a-z0-9_]+)'/g)].map((match) => match[1]);
}

/** Labelled metrics only appear in the exposition once a series exists, so give each one a value. */
function touchEveryMetric(metrics: PolybotMetrics): void {
  metrics.cycleDuration.observe(1.2);
  metrics.marketsPerCycle.set(42);
  metrics.venueCalls.inc({ endpoint: 'gamma_markets', outcome: 'ok' });
  metrics.dataAge.set(3);
  metrics.signals.inc({ strategy: 'forecast_edge' });
  metrics.riskDenials.inc({ check: 'MARKET_DATA_AGE' });
  metrics.intents.inc({ type: 'ENTRY', status: 'PENDING' });
  metrics.approvalLatency.observe(12);
  metrics.executions.inc({ mode: 'DRY_RUN', outcome: 'executed' });
  metrics.queueWaiting.set({ queue: 'snapshots' }, 2);
  metrics.jobDuration.observe({ queue: 'snapshots' }, 0.004);
  metrics.killSwitchActive.set({ switch: 'max_drawdown' }, 0);
  metrics.exposureUsd.set(250);
  metrics.pnlUsd.set({ kind: 'realized' }, -1.5);
}

/** `promtool check metrics` reads the exposition on stdin; feed it from a file like a scrape dump. */
function promtoolCheckMetrics(exposition: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'polybot-metrics-'));
  const file = join(dir, 'metrics.prom');
  writeFileSync(file, exposition);
  const stdin = openSync(file, 'r');
  try {
    const result = spawnSync('promtool', ['check', 'metrics'], { stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8' });
    if (result.error) {
      const code = (result.error as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOENT' ? `promtool is not installed: ${INSTALL_HINT}` : `promtool could not run: ${result.error.message}`);
    }
    return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
  } finally {
    closeSync(stdin);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('metrics exposition format (promtool check metrics)', () => {
  let exposition: string;

  beforeAll(async () => {
    const metrics = createMetrics('ingestor');
    touchEveryMetric(metrics);
    exposition = await metrics.registry.metrics();
  });

  it('exposes every declared polybot_ metric once touched, and no process metrics by default', () => {
    const declared = declaredMetricNames();
    expect(declared.length).toBeGreaterThanOrEqual(13);
    const typed = [...exposition.matchAll(/^# TYPE (\S+) \S+$/gm)].map((match) => match[1]);
    expect(typed.sort()).toEqual([...declared].sort());
    expect(exposition).toMatch(/^polybot_venue_calls_total\{endpoint="gamma_markets",outcome="ok",service="ingestor"\} 1$/m);
  });

  it('passes promtool with exit 0 and no lint findings', () => {
    expect(promtoolCheckMetrics(exposition)).toEqual({ status: 0, output: '' });
  });

  it('passes promtool with Node\'s process metrics added, as every service exports them', async () => {
    const withProcess = createMetrics('ingestor', { collectDefault: true });
    touchEveryMetric(withProcess);
    const full = await withProcess.registry.metrics();
    expect(full).toMatch(/^process_resident_memory_bytes\{service="ingestor"\} \d+$/m);
    // prom-client names three gauges nodejs_active_*_total, which promtool's lint dislikes; nothing else may be found.
    const findings = promtoolCheckMetrics(full).output.split('\n').filter((line) => line !== '');
    expect(findings.filter((line) => !/^nodejs_active_[a-z]+_total non-counter metrics should not have "_total" suffix$/.test(line))).toEqual([]);
  });

  it('reports a badly named metric (the check itself works)', () => {
    const result = promtoolCheckMetrics('# HELP polybot_orders Orders\n# TYPE polybot_orders counter\npolybot_orders 1\n');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('polybot_orders');
  });
});
