import type { AddressInfo } from 'node:net';
import type { OrderBook } from '@polybot/domain';
import { startSimulator, type RunningSimulator } from '@polybot/simulator';
import { eventually } from '@polybot/testing';
import { WebSocketServer, type WebSocket } from 'ws';
import { isParseIssue } from '../wire/parse-result';
import { parseClobBook } from '../wire/clob-book.wire';
import { MarketStream, type MarketStreamOptions } from './market-stream';

/** A bare websocket server the test scripts: it records what clients send and answers only when told. */
interface ScriptedServer {
  readonly url: string;
  readonly received: string[][];
  readonly sockets: WebSocket[];
  close(): Promise<void>;
}

async function startScriptedServer(onConnection: (socket: WebSocket) => void = () => undefined): Promise<ScriptedServer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const received: string[][] = [];
  const sockets: WebSocket[] = [];
  wss.on('connection', (socket) => {
    const messages: string[] = [];
    received.push(messages);
    sockets.push(socket);
    socket.on('message', (data) => messages.push(data.toString()));
    onConnection(socket);
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    received,
    sockets,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

describe('MarketStream against the simulator (real websockets)', () => {
  let sim: RunningSimulator;
  let streams: MarketStream[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 11, events: 8, tickIntervalMs: 0 });
  });

  afterAll(() => sim.close());

  afterEach(() => {
    for (const stream of streams) stream.close();
    streams = [];
    sim.reset();
  });

  const openStream = (options: Partial<MarketStreamOptions> = {}): MarketStream => {
    const stream = new MarketStream({ url: `${sim.wsUrl}/market`, coalesceMs: 2, initialReconnectDelayMs: 20, maxReconnectDelayMs: 200, ...options });
    streams.push(stream);
    return stream;
  };

  const tokenIds = (): string[] =>
    [...sim.world.events.values()].flatMap((event) => sim.world.marketsOf(event)).filter((market) => !market.closed).flatMap((market) => [...market.tokenIds]);

  const restBook = async (tokenId: string): Promise<OrderBook> => {
    const response = await fetch(`${sim.clobUrl}/book?token_id=${tokenId}`);
    const book = parseClobBook(await response.json());
    if (isParseIssue(book)) throw new Error(book.issue);
    return book.value;
  };

  const expectSameLevels = async (stream: MarketStream, tokens: readonly string[]): Promise<void> => {
    for (const tokenId of tokens) {
      const rest = await restBook(tokenId);
      const live = stream.book(tokenId);
      expect({ tokenId, bids: live?.bids, asks: live?.asks }).toEqual({ tokenId, bids: rest.bids, asks: rest.asks });
    }
  };

  it('keeps every local book identical to REST /book while the simulator walks prices', async () => {
    const tokens = tokenIds();
    const stream = openStream();
    const changed = new Set<string>();
    stream.onChange((ids) => ids.forEach((id) => changed.add(id)));
    stream.setAssets(tokens);
    await eventually(() => expect(tokens.filter((id) => stream.book(id) === undefined)).toEqual([]));

    for (let tick = 0; tick < 15; tick += 1) sim.tick();

    await eventually(() => expectSameLevels(stream, tokens));
    expect(changed.size).toBeGreaterThan(0);
    expect(tokens.every((id) => (stream.lastMessageAt(id) ?? 0) > 0)).toBe(true);
    expect(stream.connectionStates()).toEqual({ connecting: 0, open: 1, reconnecting: 0, closed: 0 });
  });

  it('reports a setPrice move as a change of just that market\'s tokens, with the new mid in the local book', async () => {
    const tokens = tokenIds();
    const stream = openStream();
    let batches: string[][] = [];
    stream.onChange((ids) => batches.push(ids));
    stream.setAssets(tokens);
    // The initial dump is reported as a change of every token; then only moves are.
    await eventually(() => expect(new Set(batches.flat())).toEqual(new Set(tokens)));
    batches = [];
    const target = tokens[0]!;
    const market = [...sim.world.events.values()].flatMap((event) => sim.world.marketsOf(event)).find((m) => m.tokenIds.includes(target))!;

    const move = sim.setPrice(target, 0.3);

    await eventually(() => expect([stream.book(target)!.bids[0]!.price, stream.book(target)!.asks[0]!.price]).toEqual([move.bestBid, move.bestAsk]));
    expect((move.bestBid + move.bestAsk) / 2).toBeCloseTo(0.3, 1);
    expect(new Set(batches.flat())).toEqual(new Set(market.tokenIds));
    await expectSameLevels(stream, market.tokenIds);
  });

  it('reports a move after a quiet spell at once, as one report of its market\'s tokens, and gathers the next ones until its window ends', async () => {
    const windowMs = 1_500;
    const tokens = tokenIds();
    const stream = openStream({ coalesceMs: windowMs });
    let reports: { at: number; ids: Set<string> }[] = [];
    stream.onChange((ids) => reports.push({ at: Date.now(), ids: new Set(ids) }));
    stream.setAssets(tokens);
    await eventually(() => expect(new Set(reports.flatMap((report) => [...report.ids]))).toEqual(new Set(tokens)));
    await new Promise((resolve) => setTimeout(resolve, windowMs + 100));
    reports = [];
    const markets = [...sim.world.events.values()].flatMap((event) => sim.world.marketsOf(event)).filter((m) => !m.closed);
    const [first, second] = [markets[0]!, markets[1]!];

    const movedAt = Date.now();
    sim.setPrice(first.tokenIds[0]!, 0.7);
    await eventually(() => expect(reports.length).toBe(1));
    // A trailing-only window would have held this report for the whole window.
    expect(reports[0]!.at - movedAt).toBeLessThan(windowMs / 2);
    expect(reports[0]!.ids).toEqual(new Set(first.tokenIds));

    sim.setPrice(second.tokenIds[0]!, 0.3);
    await eventually(() => expect(reports.length).toBe(2), { timeoutMs: windowMs * 2 });
    expect(reports[1]!.at - reports[0]!.at).toBeGreaterThanOrEqual(windowMs - 20);
    expect(reports[1]!.ids).toEqual(new Set(second.tokenIds));
  });

  it('with a zero window reports every event-loop turn\'s changes at once', async () => {
    const tokens = tokenIds();
    const stream = openStream({ coalesceMs: 0 });
    let batches: string[][] = [];
    stream.onChange((ids) => batches.push(ids));
    stream.setAssets(tokens);
    await eventually(() => expect(new Set(batches.flat())).toEqual(new Set(tokens)));
    batches = [];
    const target = tokens[1]!;
    const market = [...sim.world.events.values()].flatMap((event) => sim.world.marketsOf(event)).find((m) => m.tokenIds.includes(target))!;

    sim.setPrice(target, 0.7);

    await eventually(() => expect(batches.length).toBeGreaterThan(0));
    expect(batches.map((ids) => new Set(ids))).toEqual([new Set(market.tokenIds)]);
  });

  it('reconnects after the venue drops the connection and re-snapshots the books it missed', async () => {
    const tokens = tokenIds();
    const stream = openStream();
    const issues: string[] = [];
    stream.onIssue((issue) => issues.push(issue));
    stream.setAssets(tokens);
    await eventually(() => expect(tokens.filter((id) => stream.book(id) === undefined)).toEqual([]));

    sim.disconnectWebsockets();
    // Moves made while nobody is connected reach the local books only through the new snapshot.
    sim.setPrice(tokens[0]!, 0.2);
    for (let tick = 0; tick < 5; tick += 1) sim.tick();

    await eventually(() => expect(stream.connectCounts()).toEqual([2]));
    await eventually(() => expectSameLevels(stream, tokens));
    expect(issues.some((issue) => issue.includes('closed by the venue; reconnecting in'))).toBe(true);
  });

  it('shards 1,200 assets over 3 connections and changes the universe without touching unchanged shards', async () => {
    const real = tokenIds();
    const fake = Array.from({ length: 1_200 - real.length }, (_, i) => `9${String(i).padStart(6, '0')}`);
    const universe = [...real, ...fake];
    const stream = openStream();
    stream.setAssets(universe);

    expect(stream.connectionCount()).toBe(3);
    await eventually(() => expect(stream.connectionStates().open).toBe(3));
    await eventually(() => expect(sim.state().websocketClients).toBe(3));
    await eventually(() => expect(real.filter((id) => stream.book(id) === undefined)).toEqual([]));

    // The last shard (assets 1,000..1,199) loses 150 and the universe gains 100: they fill that shard.
    const removed = universe.slice(1_050);
    const added = Array.from({ length: 100 }, (_, i) => `8${String(i).padStart(6, '0')}`);
    stream.setAssets([...universe.slice(0, 1_050), ...added]);
    expect(stream.connectionCount()).toBe(3);
    expect(stream.assetIds()).toHaveLength(1_150);
    expect(removed.every((id) => !stream.assetIds().includes(id))).toBe(true);

    // Dropping the first 500 closes the first shard only; nobody reconnected.
    stream.setAssets([...universe.slice(500, 1_050), ...added]);
    expect(stream.connectionCount()).toBe(2);
    await eventually(() => expect(sim.state().websocketClients).toBe(2));
    expect(stream.connectCounts()).toEqual([1, 1]);
    expect(real.slice(0, 500).every((id) => stream.book(id) === undefined)).toBe(true);
  });
});

describe('MarketStream against a scripted websocket server', () => {
  let server: ScriptedServer;
  let stream: MarketStream | null = null;

  afterEach(async () => {
    stream?.close();
    stream = null;
    await server.close();
  });

  const book = { event_type: 'book', market: '0xc1', asset_id: 'A1', bids: [{ price: '0.4', size: '10' }], asks: [{ price: '0.6', size: '20' }], timestamp: '1700000000000' };

  it('detects a silent connection, reconnects and subscribes again with a fresh dump', async () => {
    server = await startScriptedServer();
    const issues: string[] = [];
    stream = new MarketStream({ url: server.url, silenceMs: 200, initialReconnectDelayMs: 10, maxReconnectDelayMs: 50 });
    stream.onIssue((issue) => issues.push(issue));
    stream.setAssets(['A1', 'A2']);

    await eventually(() => expect(server.received.length).toBeGreaterThanOrEqual(2));
    await eventually(() => expect(server.received[1]!.length).toBeGreaterThan(0));
    for (const messages of server.received.slice(0, 2)) {
      expect(JSON.parse(messages[0]!)).toEqual({ type: 'market', assets_ids: ['A1', 'A2'], initial_dump: true, custom_feature_enabled: true });
    }
    expect(issues.find((issue) => /shard 0: silent for \d+ ms \(limit 200 ms\); reconnecting in \d+ ms/.test(issue))).toBeDefined();
  });

  it('sends PING on schedule and takes PONG as a sign of life', async () => {
    server = await startScriptedServer((socket) => socket.on('message', (data) => data.toString() === 'PING' && socket.send('PONG')));
    const messages: string[] = [];
    stream = new MarketStream({ url: server.url, pingIntervalMs: 30, silenceMs: 300 });
    stream.onMessage((type) => messages.push(type));
    stream.setAssets(['A1']);

    await eventually(() => expect(messages.filter((type) => type === 'pong').length).toBeGreaterThanOrEqual(15), { timeoutMs: 8_000 });
    // 15 pings at 30 ms outlast the 300 ms silence limit: the pongs kept the connection.
    expect(server.received).toHaveLength(1);
    expect(stream.connectCounts()).toEqual([1]);
  });

  it('knows a quiet book current as of its connection\'s last frame while it is live, and only as of its own message after', async () => {
    server = await startScriptedServer((socket) => {
      socket.send(JSON.stringify([book, { ...book, asset_id: 'A2' }]));
      socket.on('message', (data) => data.toString() === 'PING' && socket.send('PONG'));
    });
    let clock = 1_000;
    stream = new MarketStream({ url: server.url, pingIntervalMs: 20, silenceMs: 60_000, initialReconnectDelayMs: 60_000, maxReconnectDelayMs: 60_000, now: () => clock });
    stream.setAssets(['A1', 'A2']);
    await eventually(() => expect(stream!.isLive('A2')).toBe(true));
    expect(stream.currentAsOf('A2')).toBe(1_000);

    clock = 9_000;
    // Nothing new about A2, but the connection's pongs say the venue had nothing to send.
    await eventually(() => expect(stream!.currentAsOf('A2')).toBe(9_000));
    expect(stream.lastMessageAt('A2')).toBe(1_000);

    server.sockets[0]!.terminate();
    await eventually(() => expect(stream!.isLive('A2')).toBe(false));
    expect(stream.currentAsOf('A2')).toBe(1_000);
    expect(stream.currentAsOf('A3')).toBeUndefined();
  });

  it('skips and reports malformed messages and keeps the connection and the good events', async () => {
    server = await startScriptedServer((socket) => {
      socket.send('not json');
      socket.send(JSON.stringify([{ ...book, asset_id: 'A2', bids: 'none' }, book]));
      socket.send(JSON.stringify({ event_type: 'price_change', market: '0xc1', timestamp: '1700000000001', price_changes: [{ asset_id: 'A1', price: '0.45', size: 'lots', side: 'BUY' }] }));
      socket.send(JSON.stringify({ event_type: 'price_change', market: '0xc1', timestamp: '1700000000002', price_changes: [{ asset_id: 'A1', price: '0.45', size: '5', side: 'BUY' }] }));
    });
    const issues: string[] = [];
    const messages: string[] = [];
    stream = new MarketStream({ url: server.url });
    stream.onIssue((issue) => issues.push(issue));
    stream.onMessage((type) => messages.push(type));
    stream.setAssets(['A1', 'A2']);

    await eventually(() => expect(stream!.book('A1')?.bids).toEqual([{ price: 0.45, size: 5 }, { price: 0.4, size: 10 }]));
    expect(issues).toEqual([
      'shard 0: market channel frame is not JSON: "not json"',
      expect.stringMatching(/^shard 0: market channel event #0 \(book\): clob book A2: bids /),
      'shard 0: market channel event (price_change): price_changes.0.size is not a finite number (got "lots")',
    ]);
    expect(messages.filter((type) => type === 'malformed')).toHaveLength(3);
    expect(stream.book('A2')).toBeUndefined();
    // The tokens of the malformed events were asked for again, on the same connection.
    await eventually(() => expect(server.received[0]!.map((text) => JSON.parse(text) as { operation?: string; assets_ids: string[] }).filter((m) => m.operation === 'subscribe').map((m) => m.assets_ids)).toEqual([['A2'], ['A1']]));
    expect(stream.connectCounts()).toEqual([1]);
  });
});
