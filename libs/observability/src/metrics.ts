import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface CreateMetricsOptions {
  /** Also export Node's process metrics (CPU, memory, event loop lag). */
  collectDefault?: boolean;
}

/**
 * The steps of executing an approved intent, in order (the `stage` of polybot_order_path_seconds):
 * the APPROVED -> EXECUTING update, the risk re-check, and on the live path the pre-flight reads,
 * the signature, the store of the signed order and the post; `done` is the rest, until the outcome
 * is recorded. Here so the executor that times them and the bench that reads them share one list.
 */
export const ORDER_PATH_STAGES = ['gate', 'recheck', 'preflight', 'sign', 'store', 'post', 'done'] as const;
export type OrderPathStage = (typeof ORDER_PATH_STAGES)[number];

/**
 * Every `outcome` of polybot_executions_total an executor counts: executed, failed, not_settled (the
 * order may be at the venue, its outcome unknown: resumed later), withhold_deferred (a resumed
 * execution's withhold waits on another delivery's young claim to post: retried, not a fault).
 */
export const EXECUTION_OUTCOMES = ['executed', 'failed', 'not_settled', 'withhold_deferred'] as const;
/** Every `job_state` of polybot_execution_reruns_total: how the re-run job had ended. */
export const RERUN_JOB_STATES = ['failed', 'completed'] as const;

export interface PolybotMetrics {
  readonly registry: Registry;
  /** polybot_cycle_duration_seconds: one ingest/strategy/risk cycle, start to finish. */
  readonly cycleDuration: Histogram;
  /** polybot_markets_per_cycle: markets that passed the universe filters in the last cycle. */
  readonly marketsPerCycle: Gauge;
  /** polybot_venue_calls_total{endpoint,outcome}: calls to Polymarket, by outcome (ok, http_4xx, timeout...). */
  readonly venueCalls: Counter<'endpoint' | 'outcome'>;
  /** polybot_data_age_seconds: age of the oldest market data the last decision used. */
  readonly dataAge: Gauge;
  /** polybot_signals_total{strategy} */
  readonly signals: Counter<'strategy'>;
  /**
   * polybot_risk_denials_total{check}: signals risk refused to propose, once for each check that
   * failed (KILL_SWITCHES when a switch halted it), so a chart says why nothing is being proposed.
   */
  readonly riskDenials: Counter<'check'>;
  /** polybot_intents_total{type,status}: intents reaching each lifecycle status. */
  readonly intents: Counter<'type' | 'status'>;
  /** polybot_approval_latency_seconds: intent created -> approved by a person. */
  readonly approvalLatency: Histogram;
  /** polybot_executions_total{mode,outcome}: mode DRY_RUN, PAPER or LIVE; outcome one of EXECUTION_OUTCOMES. */
  readonly executions: Counter<'mode' | 'outcome'>;
  /** polybot_owed_executions{status}: intents a person approved whose execution has not ended (APPROVED, EXECUTING). */
  readonly owedExecutions: Gauge<'status'>;
  /**
   * polybot_owed_execution_overdue_seconds{status}: how far the most overdue of them is past when it
   * should have ended (executionOverdueSeconds in libs/domain); the alerts page on it.
   */
  readonly owedExecutionOverdue: Gauge<'status'>;
  /**
   * polybot_owed_executions_read_at_seconds: unix time of the executor's last successful read of the
   * owed intents, so an alert can tell the two gauges above are current (a failed read leaves them as
   * they were). 0 until the first read, in every service: only the executor reads them.
   */
  readonly owedExecutionsReadAt: Gauge;
  /** polybot_execution_reruns_total{job_state}: finished jobs (failed, completed) of still-owed intents the executor ran again. */
  readonly executionReruns: Counter<'job_state'>;
  /**
   * polybot_order_path_seconds{mode,stage}: each step of executing an approved intent, from the
   * executor picking up its job: gate, recheck, then (live) preflight, sign, store, post; done is
   * the rest, until the outcome is recorded.
   */
  readonly orderPath: Histogram<'mode' | 'stage'>;
  /** polybot_queue_waiting{queue}: jobs waiting in each BullMQ queue. */
  readonly queueWaiting: Gauge<'queue'>;
  /** polybot_job_duration_seconds{queue}: time a worker spent on one job. */
  readonly jobDuration: Histogram<'queue'>;
  /** polybot_kill_switch_active{switch}: 1 while the switch is tripped. */
  readonly killSwitchActive: Gauge<'switch'>;
  /** polybot_exposure_usd: open exposure at cost. */
  readonly exposureUsd: Gauge;
  /** polybot_pnl_usd{kind}: kind realized, unrealized or daily. */
  readonly pnlUsd: Gauge<'kind'>;
  /** polybot_stream_connections{state}: market websocket connections by state (connecting, open, reconnecting). */
  readonly streamConnections: Gauge<'state'>;
  /** polybot_stream_messages_total{event_type}: market websocket events received (book, price_change, pong, malformed...). */
  readonly streamMessages: Counter<'event_type'>;
  /**
   * polybot_stream_books_resynced_total{outcome}: books a full re-sync read over REST, by what each did
   * to the stream's own: matched, corrected (the stream had drifted), newer_locally (kept), not_held.
   */
  readonly streamBooksResynced: Counter<'outcome'>;
}

const EVENT_LOOP_RESOLUTION_MS = 20;

// Cycles run every few seconds; approvals take a person seconds to minutes; jobs are milliseconds.
const CYCLE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const APPROVAL_BUCKETS = [1, 5, 10, 20, 30, 45, 60, 120, 300, 600];
const JOB_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
// An order's steps take single milliseconds; the approve -> order target is 25 ms in all.
const ORDER_STEP_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

/** A fresh registry per service (tests create several), every series labelled with the service. */
export function createMetrics(service: string, opts: CreateMetricsOptions = {}): PolybotMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // The lag monitor's timer wakes even an idle service (10 ms, prom-client's default, cost each of
  // ours ~3 ms of CPU a second); at 20 ms it still catches every turn long enough to matter to a
  // price change (the bench sees 30-400 ms ones) for half that.
  if (opts.collectDefault) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS });
  const registers = [registry];

  return {
    registry,
    cycleDuration: new Histogram({
      name: 'polybot_cycle_duration_seconds',
      help: 'Duration of one processing cycle',
      buckets: CYCLE_BUCKETS,
      registers,
    }),
    marketsPerCycle: new Gauge({
      name: 'polybot_markets_per_cycle',
      help: 'Markets considered in the last cycle',
      registers,
    }),
    venueCalls: new Counter({
      name: 'polybot_venue_calls_total',
      help: 'Calls to Polymarket endpoints by outcome',
      labelNames: ['endpoint', 'outcome'] as const,
      registers,
    }),
    dataAge: new Gauge({
      name: 'polybot_data_age_seconds',
      help: 'Age of the market data used by the last decision',
      registers,
    }),
    signals: new Counter({
      name: 'polybot_signals_total',
      help: 'Signals emitted by strategy',
      labelNames: ['strategy'] as const,
      registers,
    }),
    riskDenials: new Counter({
      name: 'polybot_risk_denials_total',
      help: 'Signals denied by risk, counted once for each failed check',
      labelNames: ['check'] as const,
      registers,
    }),
    intents: new Counter({
      name: 'polybot_intents_total',
      help: 'Trade intents reaching each status',
      labelNames: ['type', 'status'] as const,
      registers,
    }),
    approvalLatency: new Histogram({
      name: 'polybot_approval_latency_seconds',
      help: 'Time from intent creation to approval',
      buckets: APPROVAL_BUCKETS,
      registers,
    }),
    executions: new Counter({
      name: 'polybot_executions_total',
      help: 'Executions of approved intents by mode and outcome',
      labelNames: ['mode', 'outcome'] as const,
      registers,
    }),
    owedExecutions: new Gauge({
      name: 'polybot_owed_executions',
      help: 'Intents approved whose execution has not ended, by status',
      labelNames: ['status'] as const,
      registers,
    }),
    owedExecutionOverdue: new Gauge({
      name: 'polybot_owed_execution_overdue_seconds',
      help: 'Seconds the most overdue approved intent is past when its execution should have ended, by status',
      labelNames: ['status'] as const,
      registers,
    }),
    owedExecutionsReadAt: new Gauge({
      name: 'polybot_owed_executions_read_at_seconds',
      help: 'Unix time in seconds of the last successful read of the intents owed their execution',
      registers,
    }),
    executionReruns: new Counter({
      name: 'polybot_execution_reruns_total',
      help: 'Finished jobs of intents still owed their execution that were run again, by how the job had ended',
      labelNames: ['job_state'] as const,
      registers,
    }),
    orderPath: new Histogram({
      name: 'polybot_order_path_seconds',
      help: 'Time of each step of executing an approved intent, by mode and step',
      labelNames: ['mode', 'stage'] as const,
      buckets: ORDER_STEP_BUCKETS,
      registers,
    }),
    queueWaiting: new Gauge({
      name: 'polybot_queue_waiting',
      help: 'Jobs waiting in each queue',
      labelNames: ['queue'] as const,
      registers,
    }),
    jobDuration: new Histogram({
      name: 'polybot_job_duration_seconds',
      help: 'Time spent processing one job',
      labelNames: ['queue'] as const,
      buckets: JOB_BUCKETS,
      registers,
    }),
    killSwitchActive: new Gauge({
      name: 'polybot_kill_switch_active',
      help: '1 while the kill switch is tripped, 0 otherwise',
      labelNames: ['switch'] as const,
      registers,
    }),
    exposureUsd: new Gauge({
      name: 'polybot_exposure_usd',
      help: 'Open exposure in USD',
      registers,
    }),
    pnlUsd: new Gauge({
      name: 'polybot_pnl_usd',
      help: 'Profit and loss in USD by kind',
      labelNames: ['kind'] as const,
      registers,
    }),
    streamConnections: new Gauge({
      name: 'polybot_stream_connections',
      help: 'Market websocket connections by state',
      labelNames: ['state'] as const,
      registers,
    }),
    streamMessages: new Counter({
      name: 'polybot_stream_messages_total',
      help: 'Market websocket events received by type',
      labelNames: ['event_type'] as const,
      registers,
    }),
    streamBooksResynced: new Counter({
      name: 'polybot_stream_books_resynced_total',
      help: 'Books read at a full re-sync by what each did to the market stream book: matched, corrected, newer_locally, not_held',
      labelNames: ['outcome'] as const,
      registers,
    }),
  };
}

/**
 * Exports at 0, from the executor's start, the series of the counters whose increase the alerts page
 * on. prom-client exports a labelled series only from its first inc(), and increase() cannot count
 * the step from no series to 1: the first unsettled execution after a start would page no one.
 * `mode` is the label the executor counts with (its venue's mode: DRY_RUN, PAPER or LIVE).
 */
export function startExecutorCounters(metrics: PolybotMetrics, mode: string): void {
  for (const outcome of EXECUTION_OUTCOMES) metrics.executions.inc({ mode, outcome }, 0);
  for (const job_state of RERUN_JOB_STATES) metrics.executionReruns.inc({ job_state }, 0);
}
