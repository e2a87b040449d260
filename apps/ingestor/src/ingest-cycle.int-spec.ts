import { Test, type TestingModule } from '@nestjs/testing';
import type { Fill } from '@polybot/domain';
import { createTestDatabase, FillRepository, IntentRepository, MarketRepository, type TestDatabase } from '@polybot/persistence';
import { QueueName, type SnapshotBatchJob } from '@polybot/queues';
import { createTestRuntime, type TestRuntime } from '@polybot/runtime';
import { startSimulator, type RunningSimulator } from '@polybot/simulator';
import { IngestCycleService } from './ingest-cycle.service';
import { IngestorModule } from './ingestor.module';

interface VenueCallCounts {
  readonly endpoint: string;
  readonly ok: number;
  readonly errors: number;
}

describe('IngestCycleService against the simulator (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let test: TestRuntime;
  let moduleRef: TestingModule;
  let cycles: IngestCycleService;

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startSimulator({ port: 0, tickIntervalMs: 0, seed: 7, events: 12 });
    test = createTestRuntime('ingestor', {
      POLYBOT_DATABASE_URL: db.url,
      POLYBOT_GAMMA_API_URL: sim.gammaUrl,
      POLYBOT_CLOB_API_URL: sim.clobUrl,
      POLYBOT_CLOB_WS_URL: sim.wsUrl,
      POLYBOT_HTTP_MAX_RETRIES: '1',
      POLYBOT_MODE: 'paper',
      // Every cycle here is about REST books (faults on /clob/books): none may come from the stream.
      POLYBOT_BOOKS_RESYNC_CYCLES: '1',
    });
    moduleRef = await Test.createTestingModule({ imports: test.serviceImports(db.url, IngestorModule) }).compile();
    cycles = moduleRef.get(IngestCycleService);
  });

  afterAll(async () => {
    await test?.obliterateQueues();
    await moduleRef?.close();
    await sim?.close();
    await db?.drop();
  });

  afterEach(() => {
    sim.clearFaults();
  });

  const batchesOn = async (queue: QueueName, cycleId: string): Promise<SnapshotBatchJob[]> =>
    (await test.heldPayloads(queue))
      .map((job) => job.payload as SnapshotBatchJob)
      .filter((batch) => batch.cycleId === cycleId);

  const venueCalls = async (): Promise<VenueCallCounts[]> =>
    (
      await db.dataSource.query<{ endpoint: string; ok: string; errors: string }[]>(
        'SELECT endpoint, sum(ok_count) AS ok, sum(error_count) AS errors FROM venue_calls GROUP BY endpoint ORDER BY endpoint',
      )
    ).map((row) => ({ endpoint: row.endpoint, ok: Number(row.ok), errors: Number(row.errors) }));

  it('stores the markets, queues the same batches for strategy and risk, and counts the venue calls', async () => {
    const report = await cycles.runCycle();

    expect(report.issues).toBe(0);
    expect(report.markets).toBeGreaterThan(0);
    expect(report.batches).toBeGreaterThan(0);
    // The phases account for the cycle (fetch is rounded on its own, hence the 1 ms).
    expect(report.fetchMs).toBeGreaterThan(0);
    expect(Math.min(report.storeMs, report.queueMs)).toBeGreaterThanOrEqual(0);
    expect(report.fetchMs + report.storeMs + report.queueMs).toBeLessThanOrEqual(report.durationMs + 1);
    expect(await moduleRef.get(MarketRepository).count()).toBe(report.markets);

    const forStrategy = await batchesOn(QueueName.SnapshotsForStrategy, report.cycleId);
    const forRisk = await batchesOn(QueueName.SnapshotsForRisk, report.cycleId);
    expect(forStrategy).toHaveLength(report.batches);
    const byFirstEvent = (batches: SnapshotBatchJob[]): SnapshotBatchJob[] =>
      [...batches].sort((a, b) => a.events[0].eventId.localeCompare(b.events[0].eventId));
    expect(byFirstEvent(forRisk)).toEqual(byFirstEvent(forStrategy));
    const queuedMarkets = forStrategy.flatMap((batch) => batch.events.flatMap((event) => event.markets));
    expect(queuedMarkets).toHaveLength(report.markets);
    expect(queuedMarkets.some((market) => market.tokens.some((token) => token.bestAsk !== null))).toBe(true);

    const calls = await venueCalls();
    expect(calls.map((call) => call.endpoint)).toEqual(['clob POST /books', 'gamma GET /events']);
    expect(calls.every((call) => call.errors === 0 && call.ok > 0)).toBe(true);
    const requests = sim.requests();
    const served = Object.values(requests).reduce((sum, n) => sum + n, 0);
    expect(calls.reduce((sum, call) => sum + call.ok, 0)).toBe(served);
  });

  it('completes a cycle while /clob/books answers 500, reporting the issues and counting the errors', async () => {
    const before = await venueCalls();
    const errorsBefore = before.reduce((sum, call) => sum + call.errors, 0);
    sim.addFault({ route: '/clob/books', kind: 'status', status: 500 });

    const report = await cycles.runCycle();

    expect(report.issues).toBeGreaterThan(0);
    expect(report.markets).toBeGreaterThan(0);
    const after = await venueCalls();
    expect(after.reduce((sum, call) => sum + call.errors, 0)).toBeGreaterThan(errorsBefore);
    const books = after.filter((call) => /book/i.test(call.endpoint));
    expect(books.length).toBeGreaterThan(0);
    expect(books.every((call) => call.errors > 0)).toBe(true);
    // Every 500 the simulator served (first tries and retries) is one counted error.
    expect(books.reduce((sum, call) => sum + call.errors, 0)).toBe(sim.faults()[0].hits);
    expect(sim.faults()[0].hits).toBeGreaterThan(0);
    // The batches still go out: strategy and risk see the markets (without books) rather than nothing.
    expect(await batchesOn(QueueName.SnapshotsForStrategy, report.cycleId)).toHaveLength(report.batches);
    expect(await batchesOn(QueueName.SnapshotsForRisk, report.cycleId)).toHaveLength(report.batches);
  });

  it('keeps a held paper position\'s market in the cycle after it resolves, with its resolution on the queue', async () => {
    const singles = [...sim.world.events.values()].filter((e) => !e.negRisk && sim.world.marketsOf(e).length === 1);
    const [paperHeld, liveHeld] = singles.map((e) => sim.world.marketsOf(e)[0]!);
    sim.resolveMarket(paperHeld!.conditionId, 0);
    sim.resolveMarket(liveHeld!.conditionId, 1);
    const intent = await moduleRef.get(IntentRepository).createPending(
      {
        type: 'OPEN_POSITION', marketId: paperHeld!.id, conditionId: paperHeld!.conditionId, tokenId: paperHeld!.tokenIds[0], outcome: 'Yes',
        side: 'BUY', price: 0.4, sizeUsd: 40, edge: null, modelProb: null, marketPrice: null, confidence: null, reason: 'test position', strategy: null,
        createdAt: new Date(), expiresAt: new Date(Date.now() + 60_000),
      },
      [],
      { actor: 'test' },
    );
    const fill = (market: typeof paperHeld, tokenIndex: 0 | 1): Fill => ({
      intentId: intent!.id, kind: 'TRADE', tokenId: market!.tokenIds[tokenIndex], marketId: market!.id, conditionId: market!.conditionId,
      outcome: market!.outcomes[tokenIndex], category: null, side: 'BUY', price: 0.4, shares: 100, feeUsd: 0, at: new Date(),
    });
    await moduleRef.get(FillRepository).recordMany('PAPER', [fill(paperHeld, 0)]);
    await moduleRef.get(FillRepository).recordMany('LIVE', [fill(liveHeld, 1)]);

    const report = await cycles.runCycle();

    expect(report.issues).toBe(0);
    // Through the queue's schema and Redis: the resolution fields survive the hop to risk.
    const queued = (await batchesOn(QueueName.SnapshotsForRisk, report.cycleId)).flatMap((batch) => batch.events.flatMap((event) => event.markets));
    const held = queued.filter((market) => market.conditionId === paperHeld!.conditionId);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ closed: true, umaResolutionStatus: 'resolved', outcomePrices: [1, 0] });
    expect(held[0]!.tokens.every((token) => token.bestBid === null && token.bookTimestamp === null)).toBe(true);
    // Mode is paper: the LIVE ledger's position is not watched, and its resolved market is gone with its event.
    expect(queued.some((market) => market.conditionId === liveHeld!.conditionId)).toBe(false);
    expect((await venueCalls()).map((call) => call.endpoint)).toContain('gamma GET /markets');
  });
});
