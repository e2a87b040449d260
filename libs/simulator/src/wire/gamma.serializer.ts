import { millsToNumber } from '../world/price.format';
import type { SimWorld } from '../world/sim-world.state';
import { marketBooks, midMills } from '../world/token-book.builder';
import type { SimEvent, SimMarket } from '../world/world.types';

/** The venue's JSON-in-a-string style: `["Yes", "No"]`, with a space after each comma. */
function jsonInString(items: readonly string[]): string {
  return `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
}

/** Gamma's JSON-shaped objects are loose records; the wire is what matters here. */
export type GammaObject = Record<string, unknown>;

function outcomePrices(market: SimMarket): string[] {
  if (market.winningOutcomeIndex !== null) return market.winningOutcomeIndex === 0 ? ['1', '0'] : ['0', '1'];
  const mid = midMills(marketBooks(market)[0]) ?? 500;
  // Mids can sit between ticks (0.4055), so keep four decimals like the venue does.
  const fourDecimals = (mills: number): string => String(Number((mills / 1000).toFixed(4)));
  return [fourDecimals(mid), fourDecimals(1000 - mid)];
}

function eventSummary(event: SimEvent, world: SimWorld): GammaObject {
  const markets = world.marketsOf(event);
  const sum = (pick: (m: SimMarket) => number): number => Math.round(markets.reduce((s, m) => s + pick(m), 0) * 100) / 100;
  const liquidity = sum((m) => m.liquidity);
  const volume = sum((m) => m.volume);
  const closed = markets.length > 0 && markets.every((m) => m.closed);
  return {
    id: event.id,
    ticker: event.ticker,
    slug: event.slug,
    title: event.title,
    description: event.description,
    startDate: event.startDate,
    creationDate: event.createdAt,
    endDate: event.endDate,
    active: true,
    closed,
    archived: false,
    new: false,
    featured: event.featured,
    restricted: true,
    liquidity,
    volume,
    openInterest: 0,
    createdAt: event.createdAt,
    updatedAt: event.createdAt,
    volume24hr: sum((m) => m.volume24hr),
    enableOrderBook: true,
    liquidityClob: liquidity,
    negRisk: event.negRisk,
    ...(event.negRiskMarketId ? { negRiskMarketID: event.negRiskMarketId } : {}),
    enableNegRisk: event.negRisk,
    commentCount: 0,
    tags: event.tags.map((t) => ({ ...t })),
  };
}

/** A Gamma market: JSON inside strings for outcomes/outcomePrices/clobTokenIds, like the venue. */
export function gammaMarket(world: SimWorld, market: SimMarket, withEvents = true): GammaObject {
  const [yes] = marketBooks(market);
  const bestBid = yes.bids[0]?.priceMills ?? null;
  const bestAsk = yes.asks[0]?.priceMills ?? null;
  const event = world.eventOf(market);
  return {
    id: market.id,
    question: market.question,
    conditionId: market.conditionId,
    slug: market.slug,
    resolutionSource: '',
    endDate: market.endDate,
    liquidity: String(market.liquidity),
    startDate: market.startDate,
    description: event?.description ?? '',
    outcomes: jsonInString(market.outcomes),
    outcomePrices: jsonInString(outcomePrices(market)),
    volume: String(market.volume),
    active: market.active,
    closed: market.closed,
    marketMakerAddress: '',
    createdAt: market.createdAt,
    updatedAt: market.closedTime ?? market.createdAt,
    new: false,
    featured: false,
    archived: false,
    restricted: true,
    groupItemTitle: market.groupItemTitle,
    groupItemThreshold: '0',
    questionID: market.questionId,
    enableOrderBook: true,
    orderPriceMinTickSize: millsToNumber(market.tickMills),
    orderMinSize: market.minOrderSize,
    volumeNum: market.volume,
    liquidityNum: market.liquidity,
    endDateIso: market.endDate.slice(0, 10),
    startDateIso: market.startDate.slice(0, 10),
    volume24hr: market.volume24hr,
    clobTokenIds: jsonInString(market.tokenIds),
    acceptingOrders: market.acceptingOrders,
    negRisk: market.negRisk,
    ...(market.negRiskMarketId ? { negRiskMarketID: market.negRiskMarketId } : {}),
    category: '',
    ...(withEvents && event ? { events: [eventSummary(event, world)] } : {}),
    spread: bestBid !== null && bestAsk !== null ? millsToNumber(bestAsk - bestBid) : null,
    lastTradePrice: millsToNumber(market.lastTradeMills),
    bestBid: bestBid === null ? null : millsToNumber(bestBid),
    bestAsk: bestAsk === null ? null : millsToNumber(bestAsk),
    umaResolutionStatuses: market.umaResolutionStatus ? jsonInString([market.umaResolutionStatus]) : '[]',
    ...(market.umaResolutionStatus ? { umaResolutionStatus: market.umaResolutionStatus } : {}),
    ...(market.closedTime ? { closedTime: market.closedTime } : {}),
    feesEnabled: market.feeSchedule !== null,
    ...(market.feeSchedule ? { feeSchedule: { ...market.feeSchedule }, feeType: 'standard_fees' } : { feeType: null }),
  };
}

/** A Gamma event with its markets (without their events[] back-reference) and tags. */
export function gammaEvent(world: SimWorld, event: SimEvent): GammaObject {
  return {
    ...eventSummary(event, world),
    markets: world.marketsOf(event).map((m) => gammaMarket(world, m, false)),
  };
}
