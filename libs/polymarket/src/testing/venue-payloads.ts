/**
 * Hand-written venue payloads in the real wire shapes (see POLYMARKET_API.md): JSON inside strings,
 * decimal strings next to numbers, books with the best level LAST. Test use only.
 */
type Json = Record<string, unknown>;

export interface WireMarketSeed {
  readonly id: string;
  readonly tokenIds?: readonly [string, string];
  readonly outcomes?: readonly [string, string];
  readonly prices?: readonly [string, string];
}

export function tokenIdsFor(marketId: string): [string, string] {
  return [`${marketId}1000000000000000000001`, `${marketId}2000000000000000000002`];
}

export function gammaMarketWire(seed: WireMarketSeed, overrides: Json = {}): Json {
  const tokenIds = seed.tokenIds ?? tokenIdsFor(seed.id);
  const outcomes = seed.outcomes ?? ['Yes', 'No'];
  const prices = seed.prices ?? ['0.505', '0.495'];
  return {
    id: seed.id,
    question: `Will market ${seed.id} resolve Yes?`,
    conditionId: `0x${seed.id.padStart(64, '0')}`,
    slug: `market-${seed.id}`,
    resolutionSource: '',
    endDate: '2026-12-31T00:00:00Z',
    liquidity: '20328.3747',
    startDate: '2026-03-11T09:29:01.328428Z',
    description: 'This market will resolve to "Yes" if …',
    outcomes: JSON.stringify(outcomes).replace(',', ', '),
    outcomePrices: JSON.stringify(prices).replace(',', ', '),
    volume: '79945.98005599984',
    active: true,
    closed: false,
    archived: false,
    restricted: true,
    enableOrderBook: true,
    orderPriceMinTickSize: 0.01,
    orderMinSize: 5,
    volumeNum: 79945.98005599984,
    liquidityNum: 20328.3747,
    volume24hr: 1234.5,
    clobTokenIds: JSON.stringify(tokenIds).replace(',', ', '),
    acceptingOrders: true,
    negRisk: false,
    category: '',
    umaResolutionStatuses: '[]',
    spread: 0.01,
    lastTradePrice: 0.51,
    bestBid: 0.5,
    bestAsk: 0.51,
    feesEnabled: true,
    feeSchedule: { rate: 0.07, exponent: 1, takerOnly: true, rebateRate: 0.2 },
    ...overrides,
  };
}

export function gammaTagWire(id: string, label: string): Json {
  return { id, label, slug: label.toLowerCase().replace(/\s+/g, '-'), forceShow: false, createdAt: '2024-11-07T23:07:25.512144Z' };
}

export function gammaEventWire(id: string, markets: readonly Json[], overrides: Json = {}): Json {
  return {
    id,
    ticker: `event-${id}`,
    slug: `event-${id}`,
    title: `Event ${id}`,
    active: true,
    closed: false,
    archived: false,
    liquidity: 43042905.16152,
    volume: 799823812.487094,
    volume24hr: 5669354.219446001,
    enableOrderBook: true,
    negRisk: false,
    markets,
    tags: [gammaTagWire('2', 'Politics'), gammaTagWire('144', 'Elections')],
    ...overrides,
  };
}

export interface WireLevel {
  readonly price: string;
  readonly size: string;
}

/** A CLOB book; pass levels best-FIRST and they are written the venue's way, best LAST. */
export function clobBookWire(tokenId: string, bidsBestFirst: readonly WireLevel[], asksBestFirst: readonly WireLevel[], overrides: Json = {}): Json {
  return {
    market: `0x${'c'.repeat(64)}`,
    asset_id: tokenId,
    timestamp: '1728799418260',
    hash: '2fc4a3d6a98bc164e057589bcb74981852b87412',
    bids: [...bidsBestFirst].reverse(),
    asks: [...asksBestFirst].reverse(),
    min_order_size: '5',
    tick_size: '0.01',
    neg_risk: false,
    last_trade_price: '0.45',
    ...overrides,
  };
}

/** A plain two-sided book around 0.50 for a token. */
export function simpleBookWire(tokenId: string, overrides: Json = {}): Json {
  return clobBookWire(
    tokenId,
    [{ price: '0.49', size: '100' }, { price: '0.48', size: '200' }],
    [{ price: '0.51', size: '150' }, { price: '0.52', size: '50' }],
    overrides,
  );
}
