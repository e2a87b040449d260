import type { SimPosition } from '../exchange/account.ledger';
import { MICRO } from '../venue/polygon.contracts';
import type { SimWorld } from '../world/sim-world.state';
import { marketBooks, midMills } from '../world/token-book.builder';

function round(n: number, places = 6): number {
  return Number(n.toFixed(places));
}

/** A Data API `/positions` row for one token the user holds, or null for an unknown token. */
export function wirePosition(world: SimWorld, user: string, tokenId: string, position: SimPosition) {
  const ref = world.token(tokenId);
  if (!ref) return null;
  const { market, outcomeIndex } = ref;
  const event = world.eventOf(market);
  const resolved = market.closed && market.winningOutcomeIndex !== null;
  const won = resolved && market.winningOutcomeIndex === outcomeIndex;
  const mid = midMills(marketBooks(market)[outcomeIndex]);
  const curPrice = resolved ? (won ? 1 : 0) : mid === null ? 0 : round(mid / 1000, 4);
  const size = position.sizeMicro / MICRO;
  const initialValue = position.costMicro / MICRO;
  const currentValue = size * curPrice;
  const other = outcomeIndex === 0 ? 1 : 0;
  return {
    proxyWallet: user.toLowerCase(),
    asset: tokenId,
    conditionId: market.conditionId,
    size: round(size),
    avgPrice: size > 0 ? round(initialValue / size) : 0,
    initialValue: round(initialValue),
    currentValue: round(currentValue),
    cashPnl: round(currentValue - initialValue),
    percentPnl: initialValue > 0 ? round(((currentValue - initialValue) / initialValue) * 100, 4) : 0,
    totalBought: round(position.boughtMicro / MICRO),
    realizedPnl: round(position.realizedMicro / MICRO),
    percentRealizedPnl: 0,
    curPrice,
    redeemable: won,
    mergeable: false,
    title: market.question,
    slug: market.slug,
    icon: '',
    eventSlug: event?.slug ?? '',
    outcome: market.outcomes[outcomeIndex],
    outcomeIndex,
    oppositeOutcome: market.outcomes[other],
    oppositeAsset: market.tokenIds[other],
    endDate: market.endDate,
    negativeRisk: market.negRisk,
  };
}
