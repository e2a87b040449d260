import { Queue } from 'bullmq';
import { QueueName, createRedisConnection } from '@polybot/queues';
import type { OrderPathSteps } from './order-path.watcher';
import { summarize, type LatencySummary } from './stats';

/** One timed price change: when it was made, on which token the intent was expected, when it was heard. */
export interface TimedChange {
  readonly startedAt: number;
  readonly heardAt: number;
  readonly token: string;
}

/** Where a price change's time goes, from the signal jobs strategy left on the signals queue. */
export interface LatencyStages {
  readonly matched: number;
  /**
   * setPrice sent -> strategy queued the signal: the simulator's move and websocket push, the
   * ingestor's stream rebuild, hop 1 and the evaluation. (The signal's market is not the moved
   * one, so its fetchedAt cannot split this further.)
   */
  readonly changeToSignal: LatencySummary;
  /** Signal queued -> risk picked it up: hop 2. */
  readonly signalWait: LatencySummary;
  /** Risk picked it up -> intent.proposed heard: risk checks, the intent's transaction, the broadcast. */
  readonly riskToHeard: LatencySummary;
}

interface SignalJobData {
  cycleId: string;
  items: { signal: { tokenId: string } }[];
}

export async function latencyStages(redisUrl: string, prefix: string, changes: readonly TimedChange[]): Promise<LatencyStages> {
  const connection = createRedisConnection(redisUrl, 'producer');
  const queue = new Queue(QueueName.Signals, { connection, prefix });
  try {
    const jobs = await queue.getJobs(['completed'], 0, 5_000);
    const stream = jobs
      .filter((job) => (job.data as SignalJobData).cycleId.includes(':stream:') && job.processedOn)
      .map((job) => ({ job, data: job.data as SignalJobData }));
    const toSignal: number[] = [];
    const wait: number[] = [];
    const risk: number[] = [];
    for (const change of changes) {
      const hit = stream.find(
        ({ job, data }) => job.timestamp >= change.startedAt - 1 && job.timestamp <= change.heardAt && data.items.some((i) => i.signal.tokenId === change.token),
      );
      if (!hit) continue;
      toSignal.push(hit.job.timestamp - change.startedAt);
      wait.push((hit.job.processedOn ?? Number.NaN) - hit.job.timestamp);
      risk.push(change.heardAt - (hit.job.processedOn ?? Number.NaN));
    }
    return {
      matched: toSignal.length,
      changeToSignal: summarize(toSignal),
      signalWait: summarize(wait),
      riskToHeard: summarize(risk),
    };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** One timed approval. */
export interface TimedApproval {
  readonly intentId: string;
  readonly requestAt: number;
  readonly responseAt: number;
  readonly orderAt: number;
  /** The executor's own timing of its steps (its log line), when it was seen. */
  readonly steps?: OrderPathSteps;
}

/** Where an approval's time goes, from the executor's job on the approved-intents queue. */
export interface ApprovalStages {
  readonly matched: number;
  /** Approve request sent -> job queued by the API (transition in Postgres, then the enqueue). */
  readonly apiToQueued: LatencySummary;
  /** Job queued -> executor picked it up: the hop. */
  readonly queueWait: LatencySummary;
  /** Executor picked it up -> the simulator received the order: read, re-check, sign, post. */
  readonly executorToOrder: LatencySummary;
  /**
   * The executor's steps as it timed them (polybot_order_path_seconds): gate, recheck, preflight,
   * sign, store, post; `done` (after the post) is not part of approve -> order.
   */
  readonly executorSteps: Readonly<Record<string, LatencySummary>>;
  /** The five slowest approvals (approve response -> order), each split into the stages above: where a tail comes from. */
  readonly slowest: readonly SlowApproval[];
}

export interface SlowApproval {
  /** Epoch ms the approve request was sent. */
  readonly requestAt: number;
  readonly totalMs: number;
  readonly apiMs: number;
  readonly waitMs: number;
  readonly executorMs: number;
  readonly steps?: OrderPathSteps;
}

export async function approvalStages(redisUrl: string, prefix: string, approvals: readonly TimedApproval[]): Promise<ApprovalStages> {
  const connection = createRedisConnection(redisUrl, 'producer');
  const queue = new Queue(QueueName.ApprovedIntents, { connection, prefix });
  try {
    const rows: SlowApproval[] = [];
    for (const approval of approvals) {
      const job = await queue.getJob(`intent-${approval.intentId}`);
      if (!job?.processedOn) continue;
      rows.push({
        requestAt: approval.requestAt,
        totalMs: approval.orderAt - approval.responseAt,
        apiMs: job.timestamp - approval.requestAt,
        waitMs: job.processedOn - job.timestamp,
        executorMs: approval.orderAt - job.processedOn,
        steps: approval.steps,
      });
    }
    return {
      matched: rows.length,
      apiToQueued: summarize(rows.map((row) => row.apiMs)),
      queueWait: summarize(rows.map((row) => row.waitMs)),
      executorToOrder: summarize(rows.map((row) => row.executorMs)),
      executorSteps: stepSummaries(rows.flatMap((row) => (row.steps ? [row.steps] : []))),
      slowest: [...rows].sort((a, b) => b.totalMs - a.totalMs).slice(0, 5),
    };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Each step's summary over the approvals that logged it, in the order the executor takes them. */
function stepSummaries(all: readonly OrderPathSteps[]): Record<string, LatencySummary> {
  const names = [...new Set(all.flatMap((steps) => Object.keys(steps)))];
  return Object.fromEntries(names.map((name) => [name, summarize(all.flatMap((steps) => (name in steps ? [steps[name]] : [])))]));
}
