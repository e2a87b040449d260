import { resolve } from 'node:path';
import type { BenchOptions } from './bench.options';
import { createBenchDatabase } from './bench.database';
import { ROOT } from './child.process';
import { summarizeProfiles, type ProfileSummary } from './cpu-profile.summary';
import { CycleWatcher, measureCycles, type CycleResult } from './cycle.bench';
import { measureInProcess, type InProcessResult } from './in-process.bench';
import { makeScenarioEvents, measureLatency, type LatencyResult } from './latency.bench';
import { EventLoopLagSampler, type EventLoopLag } from './event-loop.sampler';
import { hostSpeedMs } from './host-speed';
import { loadAverage, memoryMb } from './proc-stats.reader';
import { progress, waitFor } from './progress';
import { BANKROLL_USD, SERVICE_NAMES, SIM_WALLET, startServiceStack, type ServiceName } from './service.stack';
import { simJson, startBenchSimulator } from './simulator.process';

/** Tokens per generated event (2/3 binary with 2 tokens, 1/3 neg-risk with 3-6 markets): measured on seed 42. */
const TOKENS_PER_EVENT = 4.34;
/** Coprime with the approval stride (every 5th change), so approvals rotate over every scenario event. */
const SCENARIO_EVENTS = 21;
const SCENARIO_TOKENS = 6;

export interface SizeResult {
  readonly targetTokens: number;
  readonly simulatorEvents: number;
  readonly tokens: number;
  readonly inProcess: InProcessResult;
  readonly cycle: CycleResult;
  readonly latency: LatencyResult;
  /** The ingestor's event loop while the price changes were timed (absent in results before 5 Dec). */
  readonly ingestorLoopLag?: EventLoopLag;
  readonly peakRssMb: Record<ServiceName | 'simulator', number>;
  readonly loadAverage: { before: number[]; after: number[] };
  /** hostSpeedMs before and after the size: how fast the host was while it ran (lower is faster). */
  readonly hostSpeedMs: { before: number; after: number };
  readonly profiles?: Record<string, ProfileSummary[]>;
}

export async function runSize(tokens: number, opts: BenchOptions, redisUrl: string): Promise<SizeResult> {
  const events = Math.max(1, Math.round((tokens - SCENARIO_EVENTS * SCENARIO_TOKENS) / TOKENS_PER_EVENT));
  const before = loadAverage();
  const speedBefore = hostSpeedMs();
  progress(`N=${tokens}: simulator with ${events} events (+${SCENARIO_EVENTS} scenario events), database`);
  const db = await createBenchDatabase();
  const logsDir = opts.logsDir && resolve(opts.logsDir, String(tokens));
  const sim = await startBenchSimulator({ events, seed: opts.seed, tickMs: opts.tickMs, walkSteps: opts.walkSteps, balanceUsd: BANKROLL_USD, logsDir });
  const profileDir = opts.profile ? resolve(ROOT, 'bench/results/profiles', `${tokens}-${Date.now()}`) : undefined;
  let stack: Awaited<ReturnType<typeof startServiceStack>> | null = null;
  try {
    await simJson(sim, '/_sim/accounts', { address: SIM_WALLET, balance_usd: BANKROLL_USD });
    const scenario = await makeScenarioEvents(sim, SCENARIO_EVENTS);
    const state = await simJson<{ tokens: number }>(sim, '/_sim/state');
    progress(`N=${tokens}: ${state.tokens} tokens; in-process baseline (fetch once, evaluate + risk)`);
    const inProcess = await measureInProcess(sim.env, opts.quick ? 3 : 5, opts.loopSeconds);
    progress(`N=${tokens}: in-process fetch ${inProcess.fetchMs} ms, evaluate+risk ${inProcess.evaluateAndRiskMs} ms; starting services`);

    stack = await startServiceStack({ sim, databaseUrl: db.url, loopSeconds: opts.loopSeconds, cpuProfileDir: profileDir, defaultHeap: opts.defaultHeap, ingestorFlags: opts.ingestorFlags, booksResyncCycles: opts.booksResyncCycles, logsDir });
    const running = stack;
    const watcher = new CycleWatcher(running);
    await waitFor('the API', async () => (await fetch(`${running.apiUrl}/health`)).status < 500, 60_000, 200).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${running.tails()}`);
    });
    const first = await watcher.next(0, 300_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${running.tails()}`);
    });
    progress(`N=${tokens}: services up (first ingest cycle ${first.durationMs} ms, ${first.markets} markets); measuring ${opts.cycles} full cycles`);
    const cycle = await measureCycles(running, watcher, sim.process.pid, redisUrl, opts.cycles, opts.loopSeconds);
    progress(`N=${tokens}: pipeline ${cycle.pipelineMs} ms/cycle, services ${cycle.servicesCpuSecondsPerCycle} CPU-s/cycle; timing ${opts.changes} price changes`);
    const ingestorMetrics = running.metricsUrl('ingestor');
    if (!ingestorMetrics) throw new Error(`the ingestor did not say where it serves /metrics\n${running.tails()}`);
    const loopLag = new EventLoopLagSampler(ingestorMetrics);
    await loopLag.start();
    const latency = await measureLatency({ sim, stack: running, db: db.pool, redisUrl, events: scenario, changes: opts.changes, approveEvery: 5, cycles: () => watcher.windows() }).finally(() =>
      loopLag.stop(),
    );
    const ingestorLoopLag = loopLag.split(watcher.windows());
    progress(
      `N=${tokens}: price change -> PENDING p50 ${latency.priceChangeToPending.p50} ms p99 ${latency.priceChangeToPending.p99} ms ` +
        `(from the venue's frame p50 ${latency.venueFrameToPending.p50} ms p99 ${latency.venueFrameToPending.p99} ms); ` +
        `approve -> order p50 ${latency.approveToOrder.p50} ms p99 ${latency.approveToOrder.p99} ms`,
    );
    const pids: Record<ServiceName | 'simulator', number> = {
      ...(Object.fromEntries(SERVICE_NAMES.map((n) => [n, running.services[n].pid])) as Record<ServiceName, number>),
      simulator: sim.process.pid,
    };
    const peakRssMb = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, memoryMb(pid)?.peakRssMb ?? Number.NaN])) as Record<ServiceName | 'simulator', number>;
    await running.stop();
    stack = null;
    const profiles = profileDir ? summarizeProfiles(profileDir) : undefined;
    return {
      targetTokens: tokens,
      simulatorEvents: events + SCENARIO_EVENTS,
      tokens: state.tokens,
      inProcess,
      cycle,
      latency,
      ingestorLoopLag,
      peakRssMb,
      loadAverage: { before, after: loadAverage() },
      hostSpeedMs: { before: speedBefore, after: hostSpeedMs() },
      profiles,
    };
  } catch (error) {
    if (stack) process.stderr.write(`${stack.tails()}\n`);
    throw error;
  } finally {
    // Each clean-up step runs whatever the one before it did.
    if (stack) await stack.stop().catch((error: unknown) => progress(`could not stop the services: ${String(error)}`));
    await sim.process.stop().catch((error: unknown) => progress(`could not stop the simulator: ${String(error)}`));
    await db.drop().catch((error: unknown) => progress(`could not drop the bench database: ${String(error)}`));
  }
}
