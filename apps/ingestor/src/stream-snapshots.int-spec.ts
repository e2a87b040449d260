import { Test, type TestingModule } from '@nestjs/testing';
import type { MarketDataSource, MarketStream } from '@polybot/polymarket';
import { createTestDatabase, MarketRepository, type TestDatabase } from '@polybot/persistence';
import { QueueName, type SnapshotBatchJob } from '@polybot/queues';
import { createTestRuntime, type TestRuntime } from '@polybot/runtime';
import { startSimulator, wireBook, type RunningSimulator } from '@polybot/simulator';
import { eventually } from '@polybot/testing';
import { IngestCycleService } from './ingest-cycle.service';
import { IngestLoop } from './ingest.loop';
import { IngestorModule } from './ingestor.module';
import { MARKET_DATA_SOURCE, MARKET_STREAM } from './ingestor.tokens';
import { SnapshotPublisher } from './snapshot.publisher';
import { StreamSnapshotService } from './stream-snapshots.service';

/** A stream update crosses the simulator, the ingestor and Redis: a longer wait than the default. */
const settle = <T>(check: () => T | Promise<T>): Promise<T> => eventually(check, { timeoutMs: 8_000, everyMs: 25 });

interface Service {
  readonly test: TestRuntime;
  readonly moduleRef: TestingModule;
}

describe('Ingestor streaming between cycles (real websockets, Postgres and Redis)', () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  const services: Service[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startSimulator({ port: 0, tickIntervalMs: 0, seed: 5, events: 10 });
  });

  afterAll(async () => {
    for (const { test, moduleRef } of services) {
      await test.obliterateQueues();
      await moduleRef.close();
    }
    await sim?.close();
    await db?.drop();
  });

  const startIngestor = async (env: Record<string, string> = {}): Promise<Service> => {
    const test = createTestRuntime('ingestor', {
      POLYBOT_DATABASE_URL: db.url,
      POLYBOT_GAMMA_API_URL: sim.gammaUrl,
      POLYBOT_CLOB_API_URL: sim.clobUrl,
      POLYBOT_CLOB_WS_URL: sim.wsUrl,
      // The cycle never comes round again during a test: every update seen is the stream's.
      POLYBOT_LOOP_INTERVAL_SECONDS: '60',
      POLYBOT_MAX_STALE_DATA_SECONDS: '120',
      POLYBOT_MODE: 'paper',
      ...env,
    });
    const moduleRef = await Test.createTestingModule({ imports: test.serviceImports(db.url, IngestorModule) }).compile();
    const service = { test, moduleRef };
    services.push(service);
    return service;
  };

  /** An ingestor after one cycle, its stream live on every tradable token, with the parts the race tests drive. */
  const liveIngestor = async () => {
    const ingestor = await startIngestor();
    const stream = ingestor.moduleRef.get<MarketStream>(MARKET_STREAM);
    const tradable = [...sim.world.markets.values()].filter((market) => market.active && !market.closed);
    await ingestor.moduleRef.get(IngestCycleService).runCycle();
    await settle(() => expect(tradable.flatMap((market) => market.tokenIds).filter((tokenId) => !stream.isLive(tokenId))).toEqual([]));
    return { ingestor, stream, tradable, service: ingestor.moduleRef.get(StreamSnapshotService), source: ingestor.moduleRef.get<MarketDataSource>(MARKET_DATA_SOURCE) };
  };

  const batches = async ({ test }: Service, queue: QueueName): Promise<{ id: string; batch: SnapshotBatchJob }[]> =>
    (await test.heldPayloads(queue)).map((job) => ({ id: job.id, batch: job.payload as SnapshotBatchJob }));

  it('queues the next update of a market whose stream publish failed, not judging it unchanged', async () => {
    const { ingestor, stream, service, tradable } = await liveIngestor();
    const token = tradable[2]!.tokenIds[0];
    const publisher = ingestor.moduleRef.get(SnapshotPublisher);
    const spy = jest.spyOn(publisher, 'publish').mockRejectedValueOnce(new Error('Redis (adding to snapshots-strategy) did not answer within 3000 ms'));
    try {
      const moved = sim.setPrice(token, 0.32);
      await settle(() => expect(spy).toHaveBeenCalledTimes(1));
      await service.idle();
      expect(stream.book(token)?.bids[0]?.price).toBe(moved.bestBid);
      // The reconnect's re-snapshot equals the failed update: judged unchanged, it would never reach strategy.
      sim.disconnectWebsockets();
      await settle(async () => {
        const quotes = (await batches(ingestor, QueueName.SnapshotsForStrategy)).flatMap(({ batch }) => batch.events).flatMap((event) => event.markets).flatMap((market) => market.tokens);
        expect(quotes.filter((quote) => quote.tokenId === token).map((quote) => quote.bestBid)).toContain(moved.bestBid);
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('queues a snapshot of just the moved token\'s event, and of a market the stream saw resolve, without waiting for a cycle', async () => {
    const ingestor = await startIngestor();
    const report = await ingestor.moduleRef.get(IngestCycleService).runCycle();
    const stream = ingestor.moduleRef.get<MarketStream>(MARKET_STREAM);
    const prefix = `${report.cycleId}:stream:`;
    const streamed = async (queue: QueueName) => (await batches(ingestor, queue)).filter(({ batch }) => batch.cycleId.startsWith(prefix));

    // The subscription's initial dump seeds the live books; equal to what the cycle sent, it queues nothing.
    const open = [...sim.world.events.values()].filter((event) => sim.world.marketsOf(event).some((market) => !market.closed));
    const tradable = open.flatMap((event) => sim.world.marketsOf(event)).filter((market) => !market.closed).flatMap((market) => market.tokenIds);
    await settle(() => expect(tradable.filter((tokenId) => stream.book(tokenId) === undefined)).toEqual([]));
    expect(stream.connectionStates().open).toBe(1);
    const metrics = await ingestor.test.runtime.metrics.registry.metrics();
    expect(metrics).toContain('polybot_stream_connections{state="open",service="ingestor"} 1');
    expect(metrics).toMatch(/polybot_stream_messages_total\{event_type="book",service="ingestor"\} [1-9]/);

    const target = sim.world.marketsOf(open[1]!).find((market) => !market.closed)!;
    const move = sim.setPrice(target.tokenIds[0], 0.25);

    const moved = await settle(async () => {
      const fresh = (await streamed(QueueName.SnapshotsForStrategy)).map(({ batch }) => batch);
      const quoted = fresh.flatMap((batch) => batch.events).flatMap((event) => event.markets).flatMap((market) => market.tokens);
      expect(quoted.find((token) => token.tokenId === target.tokenIds[0])).toMatchObject({ bestBid: move.bestBid, bestAsk: move.bestAsk });
      return fresh;
    });
    // Whole events, and only the moved one: never a token alone, never the rest of the universe
    // (nor the initial dump's copy of what the cycle already sent).
    expect(moved.flatMap((batch) => batch.events.map((event) => event.eventId))).toEqual(moved.map(() => open[1]!.id));
    expect(moved[0]!.events[0]!.markets.map((market) => market.conditionId).sort()).toEqual(sim.world.marketsOf(open[1]!).map((market) => market.conditionId).sort());
    // Data age is the stream's: the batch is dated by the newest message in it, after the cycle; the
    // market by its older book, each current at least as of its own newest message.
    const movedMarket = moved[0]!.events[0]!.markets.find((market) => market.conditionId === target.conditionId)!;
    expect(Date.parse(moved[0]!.fetchedAt)).toBe(stream.lastMessageAt(target.tokenIds[0]));
    const cycleBatch = (await batches(ingestor, QueueName.SnapshotsForStrategy)).find(({ batch }) => batch.cycleId === report.cycleId)!.batch;
    expect(Date.parse(moved[0]!.fetchedAt)).toBeGreaterThanOrEqual(Date.parse(cycleBatch.fetchedAt));
    expect(Date.parse(movedMarket.fetchedAt)).toBeGreaterThanOrEqual(Math.min(...target.tokenIds.map((tokenId) => stream.lastMessageAt(tokenId)!)));
    expect(Date.parse(movedMarket.fetchedAt)).toBeGreaterThanOrEqual(Date.parse(cycleBatch.fetchedAt));
    // Risk sees the same update.
    const forRisk = (await streamed(QueueName.SnapshotsForRisk)).map(({ batch }) => batch).filter((batch) => moved.some((m) => m.cycleId === batch.cycleId));
    expect(forRisk).toHaveLength(moved.length);

    const seenBeforeResolution = new Set((await streamed(QueueName.SnapshotsForRisk)).map(({ id }) => id));
    const resolving = sim.world.marketsOf(open[2]!).find((market) => !market.closed)!;
    sim.resolveMarket(resolving.conditionId, 1);

    await settle(async () => {
      const fresh = (await streamed(QueueName.SnapshotsForRisk)).filter(({ id }) => !seenBeforeResolution.has(id));
      const markets = fresh.flatMap(({ batch }) => batch.events).flatMap((event) => event.markets);
      expect(markets.find((market) => market.conditionId === resolving.conditionId)).toMatchObject({
        closed: true,
        umaResolutionStatus: 'resolved',
        outcomePrices: [0, 1],
      });
    });
  });

  it('reads over REST only books the stream does not keep live, and every book every POLYBOT_BOOKS_RESYNC_CYCLES cycles', async () => {
    const ingestor = await startIngestor({ POLYBOT_BOOKS_RESYNC_CYCLES: '3' });
    const cycles = ingestor.moduleRef.get(IngestCycleService);
    const stream = ingestor.moduleRef.get<MarketStream>(MARKET_STREAM);
    const tradable = [...sim.world.markets.values()].filter((market) => market.active && !market.closed).flatMap((market) => [...market.tokenIds]);
    const restBooks: number[] = [];
    const bookCalls: number[] = [];
    for (let cycle = 1; cycle <= 4; cycle++) {
      sim.resetRequests();
      restBooks.push((await cycles.runCycle()).restBooks);
      bookCalls.push(sim.requests()['POST /clob/books'] ?? 0);
      await settle(() => expect(tradable.filter((tokenId) => !stream.isLive(tokenId))).toEqual([]));
    }
    // The first cycle and the fourth re-read every book; in between the stream's live books stand in.
    expect(restBooks).toEqual([tradable.length, 0, 0, tradable.length]);
    expect(bookCalls.map((calls) => calls > 0)).toEqual([true, false, false, true]);
  });

  it('corrects the stream\'s books from a full re-sync when the stream drifted from the venue (a change it never heard)', async () => {
    const ingestor = await startIngestor({ POLYBOT_BOOKS_RESYNC_CYCLES: '2' });
    const cycles = ingestor.moduleRef.get(IngestCycleService);
    const stream = ingestor.moduleRef.get<MarketStream>(MARKET_STREAM);
    const tradable = [...sim.world.markets.values()].filter((market) => market.active && !market.closed);
    const tokens = tradable.flatMap((market) => [...market.tokenIds]);
    await cycles.runCycle();
    await settle(() => expect(tokens.filter((tokenId) => !stream.isLive(tokenId))).toEqual([]));

    const market = tradable[3]!;
    const token = market.tokenIds[0];
    const heardBefore = stream.book(token)!;
    sim.loseStreamBookChanges(1);
    const moved = sim.setPrice(token, heardBefore.bids[0]!.price > 0.5 ? 0.3 : 0.7);
    expect(sim.state().streamBookChangesToLose).toBe(0);

    // A cycle that trusts the live books does not see it: the stream has drifted.
    expect((await cycles.runCycle()).restBooks).toBe(0);
    expect(stream.book(token)?.bids).toEqual(heardBefore.bids);

    // The full re-sync reads every book, and the stream takes the venue's where its own drifted.
    await cycles.runCycle();
    for (const tokenId of market.tokenIds) {
      // What the venue's REST book says (the simulator serves this).
      const book = wireBook(sim.world, tokenId)!;
      expect(stream.book(tokenId)?.bids[0]?.price).toBe(Number(book.bids.at(-1)!.price));
      expect(stream.book(tokenId)?.asks[0]?.price).toBe(Number(book.asks.at(-1)!.price));
    }
    expect(stream.book(token)?.bids[0]?.price).toBe(moved.bestBid);
    const counted = (await ingestor.test.runtime.metrics.streamBooksResynced.get()).values;
    const resynced = (outcome: string) => counted.find((value) => value.labels.outcome === outcome)?.value ?? 0;
    expect(resynced('corrected')).toBe(market.tokenIds.length);
    expect(resynced('matched')).toBe(tokens.length - market.tokenIds.length);
    // The first cycle's books came before the stream followed anything.
    expect(resynced('not_held')).toBe(tokens.length);
  });

  it('lets a cycle in flight at shutdown finish on the live books before the stream closes, without re-reading every book', async () => {
    const ingestor = await startIngestor();
    services.splice(services.indexOf(ingestor), 1);
    const stream = ingestor.moduleRef.get<MarketStream>(MARKET_STREAM);
    const tokens = [...sim.world.markets.values()].filter((market) => market.active && !market.closed).flatMap((market) => [...market.tokenIds]);
    await ingestor.moduleRef.get(IngestCycleService).runCycle();
    await settle(() => expect(tokens.filter((tokenId) => !stream.isLive(tokenId))).toEqual([]));

    // The loop's next cycle is held in the catalogue read while the service shuts down.
    sim.addFault({ route: '/gamma/events', kind: 'delay', delayMs: 400, times: 1 });
    sim.resetRequests();
    ingestor.moduleRef.get(IngestLoop).onApplicationBootstrap();
    await settle(() => expect(sim.requests()['GET /gamma/events']).toBeGreaterThan(0));
    await ingestor.test.obliterateQueues();
    await ingestor.moduleRef.close();

    const done = ingestor.test.logs().filter((line) => line['message'] === 'Ingest cycle done');
    expect(done.map((line) => line['restBooks'])).toEqual([tokens.length, 0]);
    expect(sim.requests()['POST /clob/books'] ?? 0).toBe(0);
    expect(stream.connectionStates().open).toBe(0);
  });

  it('after a cycle that could not store or queue, queues the next stream update of every market: nothing it assumed sent is lost', async () => {
    const ingestor = await startIngestor();
    const cycles = ingestor.moduleRef.get(IngestCycleService);
    const stream = ingestor.moduleRef.get<MarketStream>(MARKET_STREAM);
    const tradable = [...sim.world.markets.values()].filter((market) => market.active && !market.closed).flatMap((market) => [...market.tokenIds]);
    const first = await cycles.runCycle();
    await settle(() => expect(tradable.filter((tokenId) => !stream.isLive(tokenId))).toEqual([]));

    // The second cycle's store fails before it queues anything.
    jest.spyOn(ingestor.moduleRef.get(MarketRepository), 'upsertMany').mockRejectedValueOnce(new Error('database down'));
    await expect(cycles.runCycle()).rejects.toThrow('database down');
    const afterFailure = (await batches(ingestor, QueueName.SnapshotsForStrategy)).filter(({ batch }) => !batch.cycleId.startsWith(first.cycleId));
    expect(afterFailure).toEqual([]);

    // A reconnect re-snapshots every book, unchanged since the cycle fetched them: each event is
    // queued all the same, because the failed cycle never sent them.
    const before = new Set((await batches(ingestor, QueueName.SnapshotsForStrategy)).map(({ id }) => id));
    sim.disconnectWebsockets();
    const tradableEvents = new Set([...sim.world.markets.values()].filter((market) => market.active && !market.closed).map((market) => market.eventId));
    await settle(async () => {
      const streamed = (await batches(ingestor, QueueName.SnapshotsForStrategy)).filter(({ id }) => !before.has(id));
      expect(new Set(streamed.flatMap(({ batch }) => batch.events.map((event) => event.eventId)))).toEqual(tradableEvents);
    });
    // Every ingestor of this file lost its connection: let them all reconnect before the next test counts clients.
    const streams = services.map(({ moduleRef }) => moduleRef.get<MarketStream | null>(MARKET_STREAM)).filter((each): each is MarketStream => each !== null);
    await settle(() => expect(sim.state().websocketClients).toBe(streams.reduce((sum, each) => sum + each.connectionCount(), 0)));
  });

  it('delivers an update that waited while the next cycle took its event, in the cycle\'s batch or the stream\'s, never judged unchanged against a batch without it', async () => {
    const { ingestor, stream, service, source, tradable } = await liveIngestor();

    // Hold the stream's publishing: the first update is in flight, the second waits behind it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const publisher = ingestor.moduleRef.get(SnapshotPublisher);
    const publish = publisher.publish.bind(publisher);
    const spy = jest.spyOn(publisher, 'publish').mockImplementation(async (...args) => {
      await held;
      return publish(...args);
    });
    try {
      const [first, second] = tradable.filter((market, i, all) => all.findIndex((m) => m.eventId === market.eventId) === i);
      service.startingCycle('next-cycle');
      sim.setPrice(first!.tokenIds[0], 0.31);
      await settle(() => expect(spy).toHaveBeenCalledTimes(1));
      const move = sim.setPrice(second!.tokenIds[0], 0.27);
      await settle(() => expect(stream.book(second!.tokenIds[0])?.bids[0]?.price).toBe(move.bestBid));

      // The next cycle reads its catalogue from the live books, which already hold the second move, and takes it.
      const next = await source.fetchCycle({ liveBooks: stream });
      const sent = service.take(next.events);
      service.endCycle();
      release();
      await service.idle();
      const streamed = (await batches(ingestor, QueueName.SnapshotsForStrategy)).filter(({ batch }) => batch.cycleId.startsWith('next-cycle:stream:')).flatMap(({ batch }) => batch.events);
      const quotes = [...sent, ...streamed].flatMap((event) => event.markets).flatMap((market) => market.tokens).filter((token) => token.tokenId === second!.tokenIds[0]);
      expect(quotes.map((quote) => quote.bestBid)).toContain(move.bestBid);
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('publishes a move back to the catalogue\'s price when the stream had queued a move away since the cycle began', async () => {
    const { ingestor, stream, service, source, tradable } = await liveIngestor();
    const token = tradable[3]!.tokenIds[0];
    const quotedIn = async (prefix: string) =>
      (await batches(ingestor, QueueName.SnapshotsForStrategy))
        .filter(({ batch }) => batch.cycleId.startsWith(prefix))
        .flatMap(({ batch }) => batch.events)
        .flatMap((event) => event.markets)
        .flatMap((market) => market.tokens)
        .filter((quote) => quote.tokenId === token);

    const at = sim.setPrice(token, 0.3);
    await settle(() => expect(stream.book(token)?.bids[0]?.price).toBe(at.bestBid));
    await service.idle();
    // The next cycle reads its catalogue (the token at 0.30); meanwhile the stream queues a move to 0.26.
    service.startingCycle('next-cycle');
    const next = await source.fetchCycle({ liveBooks: stream });
    const away = sim.setPrice(token, 0.26);
    // Numbered under the running cycle, whose batches go out meanwhile: one cycle id at a time reaches risk.
    await settle(async () => expect((await quotedIn('next-cycle:stream:')).map((quote) => quote.bestBid)).toEqual([away.bestBid]));
    service.take(next.events);
    service.endCycle();

    // Back to 0.30: the catalogue's price, but not what strategy and risk were last sent.
    const back = sim.setPrice(token, 0.3);
    expect(back.bestBid).toBe(at.bestBid);
    await settle(async () => expect((await quotedIn('next-cycle:stream:')).map((quote) => quote.bestBid).sort()).toEqual([away.bestBid, back.bestBid].sort()));
  });

  it('queues the cycle\'s batches with the live books of events the stream moved since the cycle began, never older quotes', async () => {
    const { stream, service, source, tradable } = await liveIngestor();
    const moved = tradable[4]!;

    service.startingCycle('next-cycle');
    const next = await source.fetchCycle({ liveBooks: stream });
    // After the catalogue was read, before its batch is queued, the stream sees a move.
    const move = sim.setPrice(moved.tokenIds[0], 0.22);
    await settle(() => expect(stream.book(moved.tokenIds[0])?.bids[0]?.price).toBe(move.bestBid));

    const queued = service.take(next.events);
    const quoteIn = (events: typeof queued) => events.flatMap((event) => event.markets).flatMap((market) => market.tokens).find((token) => token.tokenId === moved.tokenIds[0]);
    expect(quoteIn(next.events)?.bestBid).not.toBe(move.bestBid);
    expect(quoteIn(queued)).toMatchObject({ bestBid: move.bestBid, bestAsk: move.bestAsk });
    // Events the stream did not move go out as the catalogue has them.
    const untouched = next.events.filter((event) => event.eventId !== moved.eventId);
    expect(queued.filter((event) => event.eventId !== moved.eventId)).toEqual(untouched);
    expect(queued.map((event) => event.eventId)).toEqual(next.events.map((event) => event.eventId));
  });

  it('stores and queues a cycle a slice at a time in as few batches as read at once, and drops from the stream an event the catalogue no longer lists', async () => {
    // Gamma pages of two events, slices of at least three markets: several slices of whole pages.
    const ingestor = await startIngestor({ POLYBOT_GAMMA_PAGE_SIZE: '2' });
    const cycles = ingestor.moduleRef.get(IngestCycleService);
    const stream = ingestor.moduleRef.get<MarketStream>(MARKET_STREAM);
    const source = ingestor.moduleRef.get<MarketDataSource>(MARKET_DATA_SOURCE);
    const chunksOf = source.cycleChunks.bind(source);
    let slices = 0;
    jest.spyOn(source, 'cycleChunks').mockImplementation(async function* (opts) {
      for await (const chunk of chunksOf({ ...opts, marketsPerChunk: 3 })) {
        slices += 1;
        yield chunk;
      }
    });
    const openEvents = () => [...sim.world.events.values()].filter((event) => sim.world.marketsOf(event).some((market) => !market.closed));
    const tradableTokens = () => openEvents().flatMap((event) => sim.world.marketsOf(event)).filter((market) => market.active && !market.closed).flatMap((market) => [...market.tokenIds]);

    const storedSince = async (at: Date): Promise<number> => Number((await db.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM markets WHERE updated_at >= $1', [at]))[0]!.n);
    const startedAt = new Date();
    const first = await cycles.runCycle();
    expect(slices).toBeGreaterThan(2);
    // Every slice's last part-batch waited for the next one: the few tokens here make one batch, as read at once.
    const queued = (await batches(ingestor, QueueName.SnapshotsForStrategy)).filter(({ batch }) => batch.cycleId === first.cycleId);
    expect(first.batches).toBe(1);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.batch.events.map((event) => event.eventId).sort()).toEqual(openEvents().map((event) => event.id).sort());
    expect(await storedSince(startedAt)).toBe(first.markets);
    expect(stream.assetIds().sort()).toEqual(tradableTokens().sort());

    // An event leaves the open catalogue (its one market resolved): the next cycle no longer lists it,
    // and the stream stops following its tokens.
    const leaving = openEvents().find((event) => !event.negRisk && sim.world.marketsOf(event).length === 1)!;
    sim.resolveMarket(sim.world.marketsOf(leaving)[0]!.conditionId, 0);
    const second = await cycles.runCycle();
    expect(second.events).toBe(first.events - 1);
    const leavingTokens: string[] = [...sim.world.marketsOf(leaving)[0]!.tokenIds];
    expect(stream.assetIds().filter((tokenId) => leavingTokens.includes(tokenId))).toEqual([]);
    expect(stream.assetIds().sort()).toEqual(tradableTokens().sort());
  });

  it('streams nothing with POLYBOT_STREAMING=false', async () => {
    const clientsBefore = sim.state().websocketClients;
    const ingestor = await startIngestor({ POLYBOT_STREAMING: 'false' });
    const report = await ingestor.moduleRef.get(IngestCycleService).runCycle();
    expect(ingestor.moduleRef.get(MARKET_STREAM)).toBeNull();
    expect(report.batches).toBeGreaterThan(0);
    expect(sim.state().websocketClients).toBe(clientsBefore);
    expect((await batches(ingestor, QueueName.SnapshotsForStrategy)).map(({ batch }) => batch.cycleId)).toEqual(Array(report.batches).fill(report.cycleId));
  });
});
