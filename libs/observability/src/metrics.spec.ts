import { createMetrics, startExecutorCounters } from './metrics';

describe('createMetrics', () => {
  it('registers every metric with the polybot_ prefix and Prometheus naming', async () => {
    const metrics = createMetrics('risk');
    const names = (await metrics.registry.getMetricsAsJSON()).map((metric) => `${metric.type} ${metric.name}`).sort();
    expect(names).toEqual([
      'counter polybot_execution_reruns_total',
      'counter polybot_executions_total',
      'counter polybot_intents_total',
      'counter polybot_risk_denials_total',
      'counter polybot_signals_total',
      'counter polybot_stream_books_resynced_total',
      'counter polybot_stream_messages_total',
      'counter polybot_venue_calls_total',
      'gauge polybot_data_age_seconds',
      'gauge polybot_exposure_usd',
      'gauge polybot_kill_switch_active',
      'gauge polybot_markets_per_cycle',
      'gauge polybot_owed_execution_overdue_seconds',
      'gauge polybot_owed_executions',
      'gauge polybot_owed_executions_read_at_seconds',
      'gauge polybot_pnl_usd',
      'gauge polybot_queue_waiting',
      'gauge polybot_stream_connections',
      'histogram polybot_approval_latency_seconds',
      'histogram polybot_cycle_duration_seconds',
      'histogram polybot_job_duration_seconds',
      'histogram polybot_order_path_seconds',
    ]);
  });

  it('labels every series with the service and the metric labels', async () => {
    const metrics = createMetrics('executor');
    metrics.intents.inc({ type: 'OPEN_POSITION', status: 'EXECUTED' });
    metrics.killSwitchActive.set({ switch: 'drawdown' }, 1);
    metrics.pnlUsd.set({ kind: 'realized' }, -12.5);
    metrics.jobDuration.observe({ queue: 'approved-intents' }, 0.02);
    const text = await metrics.registry.metrics();
    expect(text).toContain('polybot_intents_total{type="OPEN_POSITION",status="EXECUTED",service="executor"} 1');
    expect(text).toContain('polybot_kill_switch_active{switch="drawdown",service="executor"} 1');
    expect(text).toContain('polybot_pnl_usd{kind="realized",service="executor"} -12.5');
    expect(text).toContain('polybot_job_duration_seconds_bucket{le="0.025",service="executor",queue="approved-intents"} 1');
  });

  it('starts the executor counters the alerts take increase() of at 0, for its own mode only', async () => {
    const metrics = createMetrics('executor');
    startExecutorCounters(metrics, 'LIVE');
    const text = await metrics.registry.metrics();
    const series = text.split('\n').filter((line) => line.startsWith('polybot_executions_total') || line.startsWith('polybot_execution_reruns_total'));
    expect(series.sort()).toEqual([
      'polybot_execution_reruns_total{job_state="completed",service="executor"} 0',
      'polybot_execution_reruns_total{job_state="failed",service="executor"} 0',
      'polybot_executions_total{mode="LIVE",outcome="executed",service="executor"} 0',
      'polybot_executions_total{mode="LIVE",outcome="failed",service="executor"} 0',
      'polybot_executions_total{mode="LIVE",outcome="not_settled",service="executor"} 0',
      'polybot_executions_total{mode="LIVE",outcome="withhold_deferred",service="executor"} 0',
    ]);
    // Counting goes on from there.
    metrics.executions.inc({ mode: 'LIVE', outcome: 'not_settled' });
    expect(await metrics.registry.metrics()).toContain('polybot_executions_total{mode="LIVE",outcome="not_settled",service="executor"} 1');
  });

  it('gives each call its own registry, so services and tests do not share counts', async () => {
    const first = createMetrics('a');
    const second = createMetrics('b');
    first.signals.inc({ strategy: 'forecast_feed' }, 3);
    expect((await second.signals.get()).values).toEqual([]);
  });

  it('adds process metrics only when asked', async () => {
    const plain = (await createMetrics('a').registry.getMetricsAsJSON()).map((metric) => metric.name);
    const withDefault = (await createMetrics('a', { collectDefault: true }).registry.getMetricsAsJSON()).map(
      (metric) => metric.name,
    );
    expect(plain.some((name) => name.startsWith('process_'))).toBe(false);
    expect(withDefault).toContain('process_cpu_user_seconds_total');
    expect(withDefault).toContain('nodejs_eventloop_lag_seconds');
  });
});
