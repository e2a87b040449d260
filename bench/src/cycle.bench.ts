import { Queue } from 'bullmq';
import { QueueName, createRedisConnection } from '@polybot/queues';
import { logRecord } from './child.process';
import type { CycleWindow } from './cycle-overlap';
import { cpuSeconds } from './proc-stats.reader';
import { progress, sleep, waitFor } from './progress';
import { SERVICE_NAMES, type ServiceName, type ServiceStack } from './service.stack';
import { median, round } from './stats';

interface CycleLine {
  readonly endedAt: number;
  readonly durationMs: number;
  readonly fetchMs: number;
  readonly storeMs: number;
  /** Books the cycle read over REST (the rest came live from the stream). */
  readonly restBooks: number;
  readonly queueMs: number;
  readonly markets: number;
  readonly tokens: number;
  readonly batches: number;
}

export interface CycleResult {
  readonly cycles: number;
  /** The ingestor's own cycle time (fetch, store, queue): its "Ingest cycle done" durationMs, median. */
  readonly ingestMs: number;
  /** The ingestor's phases (its log's fetchMs, storeMs, queueMs), median of each. */
  readonly ingestPhasesMs: { readonly fetch: number; readonly store: number; readonly queue: number };
  /** Cycle start until strategy and risk have emptied every pipeline queue: ingested, evaluated and risk-checked (median). */
  readonly pipelineMs: number;
  readonly markets: number;
  readonly tokens: number;
  /** Market snapshots through strategy and risk per second of pipeline time. */
  readonly snapshotsPerSecond: number;
  /** CPU seconds per cycle, per service, over a window of whole cycle periods. */
  readonly cpuSecondsPerCycle: Record<ServiceName | 'simulator', number>;
  readonly servicesCpuSecondsPerCycle: number;
  /** Wall time of one cycle period in the window (interval, or longer when cycles overrun it). */
  readonly periodSeconds: number;
}

const PIPELINE = [QueueName.SnapshotsForStrategy, QueueName.SnapshotsForRisk, QueueName.Signals];

/** Watches the ingestor's "Ingest cycle done" lines. */
export class CycleWatcher {
  readonly lines: CycleLine[] = [];

  constructor(stack: ServiceStack) {
    stack.services.ingestor.onLine((line) => {
      if (!line.includes('Ingest cycle done')) return;
      const record = logRecord(line);
      if (!record) return;
      this.lines.push({
        endedAt: Date.parse(String(record['timestamp'])),
        durationMs: Number(record['durationMs']),
        fetchMs: Number(record['fetchMs']),
        storeMs: Number(record['storeMs']),
        restBooks: Number(record['restBooks']),
        queueMs: Number(record['queueMs']),
        markets: Number(record['markets']),
        tokens: Number(record['tokens']),
        batches: Number(record['batches']),
      });
    });
  }

  /** When each cycle seen so far ran. */
  windows(): CycleWindow[] {
    return this.lines.map((line) => ({ startedAt: line.endedAt - line.durationMs, endedAt: line.endedAt }));
  }

  async next(after: number, timeoutMs: number): Promise<CycleLine> {
    return waitFor('an ingest cycle', () => (this.lines.length > after ? this.lines[after] : undefined), timeoutMs, 20);
  }
}

/** Resolves when no pipeline queue holds a waiting or active job; the time it saw them empty. */
async function drained(queues: Queue[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
    if (counts.every((c) => Object.values(c).every((n) => n === 0))) return Date.now();
    await sleep(10);
  }
  throw new Error(`the pipeline queues did not drain within ${timeoutMs} ms`);
}

/**
 * Runs `cycles` full cycles after a warm-up one and measures them. The CPU window runs from the
 * drain of the warm-up cycle to the drain of the last measured one.
 */
export async function measureCycles(stack: ServiceStack, watcher: CycleWatcher, simPid: number, redisUrl: string, cycles: number, loopSeconds: number): Promise<CycleResult> {
  const connection = createRedisConnection(redisUrl, 'producer');
  const queues = PIPELINE.map((name) => new Queue(name, { connection, prefix: stack.queuePrefix }));
  const cycleTimeout = Math.max(180_000, loopSeconds * 1000 * 6);
  try {
    const warmIndex = watcher.lines.length > 0 ? watcher.lines.length - 1 : 0;
    await watcher.next(warmIndex, cycleTimeout);
    await drained(queues, cycleTimeout);
    const pids: Record<ServiceName | 'simulator', number> = { ...Object.fromEntries(SERVICE_NAMES.map((n) => [n, stack.services[n].pid])), simulator: simPid } as Record<ServiceName | 'simulator', number>;
    const cpuBefore = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuSeconds(pid) ?? Number.NaN]));
    const windowStarted = Date.now();
    const ingest: CycleLine[] = [];
    const pipeline: number[] = [];
    let last: CycleLine | null = null;
    for (let n = 1; n <= cycles; n++) {
      const line = await watcher.next(warmIndex + n, cycleTimeout);
      const doneAt = await drained(queues, cycleTimeout);
      ingest.push(line);
      pipeline.push(doneAt - (line.endedAt - line.durationMs));
      last = line;
      progress(`  cycle ${n}/${cycles}: ingest ${line.durationMs} ms (fetch ${line.fetchMs} with ${line.restBooks} REST books, store ${line.storeMs}, queue ${line.queueMs}), ingested+evaluated+risk-checked ${doneAt - (line.endedAt - line.durationMs)} ms, ${line.markets} markets`);
    }
    const windowSeconds = (Date.now() - windowStarted) / 1000;
    const perCycle = Object.fromEntries(
      Object.entries(pids).map(([n, pid]) => [n, round(((cpuSeconds(pid) ?? Number.NaN) - cpuBefore[n]) / cycles, 2)]),
    ) as Record<ServiceName | 'simulator', number>;
    const pipelineMs = median(pipeline);
    const markets = last?.markets ?? 0;
    return {
      cycles,
      ingestMs: median(ingest.map((line) => line.durationMs)),
      ingestPhasesMs: { fetch: median(ingest.map((line) => line.fetchMs)), store: median(ingest.map((line) => line.storeMs)), queue: median(ingest.map((line) => line.queueMs)) },
      pipelineMs,
      markets,
      tokens: last?.tokens ?? 0,
      snapshotsPerSecond: Math.round(markets / (pipelineMs / 1000)),
      cpuSecondsPerCycle: perCycle,
      servicesCpuSecondsPerCycle: round(SERVICE_NAMES.reduce((sum, n) => sum + perCycle[n], 0), 2),
      periodSeconds: round(windowSeconds / cycles, 2),
    };
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
}
