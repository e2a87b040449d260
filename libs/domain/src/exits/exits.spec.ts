import type { MarketSnapshot, TokenQuote } from '../market/market.types';
import type { MarkedPosition } from '../portfolio/portfolio.types';
import { closePositionDraft } from './close-position.draft';
import type { ExitContext } from './exit-decision';
import { DEFAULT_EXIT_SETTINGS, validateExitSettings } from './exit-settings';
import { evaluateExits } from './evaluate-exits';
import { liquidityExit } from './liquidity.exit';
import { stopLossExit } from './stop-loss.exit';
import { takeProfitExit } from './take-profit.exit';
import { timeExit } from './time.exit';

const END = '2026-12-01T00:00:00Z';
const END_MS = Date.parse(END);
const DAY_MS = 86_400_000;
// Pinned clock: ten days before the end date, so the time rule is quiet unless a test moves it.
const NOW = END_MS - 10 * DAY_MS;

function position(avgPrice: number, shares = 100): MarkedPosition {
  return {
    tokenId: 'tok-yes',
    marketId: 'm1',
    conditionId: '0xcond',
    outcome: 'Yes',
    category: null,
    shares,
    avgPrice,
    costBasisUsd: avgPrice * shares,
    realizedPnlUsd: 0,
    openedAt: new Date(NOW - DAY_MS),
    markPrice: null,
    marketValueUsd: avgPrice * shares,
    unrealizedPnlUsd: 0,
    pnlPct: 0,
  };
}

function quote(bestBid: number | null, bestAsk: number | null): TokenQuote {
  const twoSided = bestBid !== null && bestAsk !== null;
  return { tokenId: 'tok-yes', outcome: 'Yes', bestBid, bestAsk, mid: twoSided ? (bestBid + bestAsk) / 2 : null, spread: twoSided ? bestAsk - bestBid : null, bidDepthUsd: 100, askDepthUsd: 100, bookTimestamp: NOW };
}

/** A market around one quote of the held token; the ask sits one tick above the bid unless given. */
function market(bestBid: number | null, bestAsk: number | null = bestBid === null ? 0.5 : bestBid + 0.001, overrides: Partial<MarketSnapshot> = {}): MarketSnapshot {
  return {
    marketId: 'm1',
    conditionId: '0xcond',
    question: 'Will it happen?',
    slug: 'will-it-happen',
    eventId: null,
    eventSlug: null,
    negRisk: false,
    endDate: END,
    category: null,
    tags: [],
    active: true,
    closed: false,
    acceptingOrders: true,
    enableOrderBook: true,
    liquidityUsd: 10_000,
    volume24hUsd: 5_000,
    tickSize: 0.001,
    minOrderSize: 5,
    feeSchedule: null,
    tokens: [quote(bestBid, bestAsk), { ...quote(null, null), tokenId: 'tok-no', outcome: 'No' }],
    fetchedAt: new Date(NOW).toISOString(),
    ...overrides,
  };
}

const CTX: ExitContext = { settings: DEFAULT_EXIT_SETTINGS, normalSpread: 0.04, now: NOW };

describe('take-profit', () => {
  it('fires at the target exactly: (0.44 - 0.40) / 0.40 = 10%', () => {
    expect(takeProfitExit(position(0.4), market(0.44), CTX)).toEqual({ rule: 'TAKE_PROFIT', reason: 'Take-profit: PnL 10.0% >= target 10%', price: 0.44, shares: 100 });
  });

  it('stays quiet under the target: (0.439 - 0.40) / 0.40 = 9.75%', () => {
    expect(takeProfitExit(position(0.4), market(0.439), CTX)).toBeNull();
  });

  it('fires over the target with the spec wording: (0.45 - 0.40) / 0.40 = 12.5%', () => {
    expect(takeProfitExit(position(0.4), market(0.45), CTX)?.reason).toBe('Take-profit: PnL 12.5% >= target 10%');
  });

  it('writes a fractional target as set', () => {
    expect(takeProfitExit(position(0.4), market(0.43), { ...CTX, settings: { ...DEFAULT_EXIT_SETTINGS, takeProfitPct: 7.5 } })?.reason).toBe(
      'Take-profit: PnL 7.5% >= target 7.5%',
    );
  });
});

describe('stop-loss', () => {
  it('fires at the limit exactly: (0.40 - 0.38) / 0.40 = 5%', () => {
    expect(stopLossExit(position(0.4), market(0.38), CTX)).toEqual({ rule: 'STOP_LOSS', reason: 'Stop-loss: Loss 5.0% >= limit 5%', price: 0.38, shares: 100 });
  });

  it('stays quiet under the limit: (0.40 - 0.381) / 0.40 = 4.75%', () => {
    expect(stopLossExit(position(0.4), market(0.381), CTX)).toBeNull();
  });

  it('fires over the limit with the spec wording: (0.50 - 0.469) / 0.50 = 6.2%', () => {
    expect(stopLossExit(position(0.5), market(0.469), CTX)?.reason).toBe('Stop-loss: Loss 6.2% >= limit 5%');
  });

  it('never fires on a gain', () => {
    expect(stopLossExit(position(0.4), market(0.6), CTX)).toBeNull();
  });
});

describe('liquidity exit', () => {
  // The bid stays at the average price (P&L 0), so only the spread can fire.
  it('fires over the limit with the spec wording: 0.150 / 0.040 = 3.75 -> 3.8x', () => {
    expect(liquidityExit(position(0.4), market(0.4, 0.55), CTX)).toEqual({
      rule: 'LIQUIDITY_EXIT',
      reason: 'Liquidity exit: spread 0.150 is 3.8x its normal 0.040 (limit 3x)',
      price: 0.4,
      shares: 100,
    });
  });

  it('fires at the limit exactly: 0.120 / 0.040 = 3.0x', () => {
    expect(liquidityExit(position(0.4), market(0.4, 0.52), CTX)?.reason).toBe('Liquidity exit: spread 0.120 is 3.0x its normal 0.040 (limit 3x)');
  });

  it('stays quiet under the limit: 0.110 / 0.040 = 2.75x', () => {
    expect(liquidityExit(position(0.4), market(0.4, 0.51), CTX)).toBeNull();
  });

  it('needs a normal spread and a two-sided book to compare', () => {
    expect(liquidityExit(position(0.4), market(0.4, 0.55), { ...CTX, normalSpread: null })).toBeNull();
    expect(liquidityExit(position(0.4), market(0.4, 0.55), { ...CTX, normalSpread: 0 })).toBeNull();
    expect(liquidityExit(position(0.4), market(0.4, null), CTX)).toBeNull();
  });
});

describe('time exit', () => {
  it('fires exactly 2 days before the end date', () => {
    expect(timeExit(position(0.4), market(0.4), { ...CTX, now: END_MS - 2 * DAY_MS })).toEqual({
      rule: 'TIME_EXIT',
      reason: 'Time exit: market ends 2026-12-01T00:00:00Z, within 2 days',
      price: 0.4,
      shares: 100,
    });
  });

  it('stays quiet a millisecond earlier', () => {
    expect(timeExit(position(0.4), market(0.4), { ...CTX, now: END_MS - 2 * DAY_MS - 1 })).toBeNull();
  });

  it('fires inside the window and says "day" for a 1-day setting', () => {
    const settings = { ...DEFAULT_EXIT_SETTINGS, timeExitDaysBefore: 1 };
    expect(timeExit(position(0.4), market(0.4), { ...CTX, settings, now: END_MS - 3_600_000 })?.reason).toBe('Time exit: market ends 2026-12-01T00:00:00Z, within 1 day');
  });

  it('says so when the end date has passed and the market still trades', () => {
    expect(timeExit(position(0.4), market(0.4), { ...CTX, now: END_MS + 1 })?.reason).toBe('Time exit: market ended 2026-12-01T00:00:00Z and is not resolved yet');
  });

  it('has nothing to say without an end date, and names the market when the date does not parse', () => {
    expect(timeExit(position(0.4), market(0.4, 0.401, { endDate: null }), { ...CTX, now: END_MS })).toBeNull();
    expect(() => timeExit(position(0.4), market(0.4, 0.401, { endDate: 'soon' }), CTX)).toThrow('market m1 has an end date that does not parse: "soon"');
  });
});

describe('evaluateExits', () => {
  const urgent: ExitContext = { ...CTX, now: END_MS - DAY_MS };

  it('puts stop-loss first when stop-loss, liquidity and time all fire', () => {
    // bid 0.30 on avg 0.40: 25% loss; spread 0.20 = 5x normal; one day to the end.
    expect(evaluateExits(position(0.4), market(0.3, 0.5), urgent)?.rule).toBe('STOP_LOSS');
  });

  it('puts take-profit before liquidity and time', () => {
    expect(evaluateExits(position(0.4), market(0.5, 0.7), urgent)?.rule).toBe('TAKE_PROFIT');
  });

  it('puts liquidity before time', () => {
    expect(evaluateExits(position(0.4), market(0.4, 0.55), urgent)?.rule).toBe('LIQUIDITY_EXIT');
  });

  it('falls through to time when nothing else fires', () => {
    expect(evaluateExits(position(0.4), market(0.4), urgent)?.rule).toBe('TIME_EXIT');
  });

  it('proposes nothing when nothing fires', () => {
    expect(evaluateExits(position(0.4), market(0.41), CTX)).toBeNull();
  });

  it('proposes nothing when there is no bid to sell into, however bad it looks', () => {
    expect(evaluateExits(position(0.4), market(null, 0.9), urgent)).toBeNull();
  });

  it('proposes nothing on a closed market (settlement takes over) or one not accepting orders', () => {
    expect(evaluateExits(position(0.4), market(0.3, 0.5, { closed: true }), urgent)).toBeNull();
    expect(evaluateExits(position(0.4), market(0.3, 0.5, { acceptingOrders: false }), urgent)).toBeNull();
  });

  it('proposes nothing for a remainder below the market minimum order (5 shares): no sell order could carry it', () => {
    expect(evaluateExits(position(0.4, 4.99), market(0.3, 0.5), urgent)).toBeNull();
    expect(evaluateExits(position(0.4, 5), market(0.3, 0.5), urgent)?.rule).toBe('STOP_LOSS');
  });

  it('sells at the best bid rounded down onto the tick', () => {
    expect(evaluateExits(position(0.4), market(0.3000000001, 0.5), urgent)?.price).toBe(0.3);
  });

  it('names the token when the market does not hold it', () => {
    expect(() => evaluateExits({ ...position(0.4), tokenId: 'tok-x' }, market(0.4), CTX)).toThrow('market m1 has no token tok-x held in the position');
  });
});

describe('closePositionDraft', () => {
  it('shapes a CLOSE_POSITION draft: SELL the whole position at the bid, sizeUsd = shares x price', () => {
    const held = position(0.4, 487.8);
    const decision = takeProfitExit(held, market(0.45), CTX);
    expect(decision).not.toBeNull();
    if (decision === null) return;
    expect(closePositionDraft(held, decision, NOW, 45)).toEqual({
      type: 'CLOSE_POSITION',
      marketId: 'm1',
      conditionId: '0xcond',
      tokenId: 'tok-yes',
      outcome: 'Yes',
      side: 'SELL',
      price: 0.45,
      shares: 487.8,
      // 487.80 x 0.45 = 219.51
      sizeUsd: 219.51,
      rule: 'TAKE_PROFIT',
      reason: 'Take-profit: PnL 12.5% >= target 10%',
      createdAt: new Date(NOW),
      expiresAt: new Date(NOW + 45_000),
    });
  });

  it('refuses a non-positive expiry', () => {
    const decision = { rule: 'TIME_EXIT', reason: 'r', price: 0.4, shares: 1 } as const;
    expect(() => closePositionDraft(position(0.4), decision, NOW, 0)).toThrow('closePositionDraft: expirySeconds must be a positive number, got 0');
  });
});

describe('validateExitSettings', () => {
  it('accepts the defaults and names a bad setting', () => {
    expect(validateExitSettings(DEFAULT_EXIT_SETTINGS)).toBe(DEFAULT_EXIT_SETTINGS);
    expect(() => validateExitSettings({ ...DEFAULT_EXIT_SETTINGS, stopLossPct: 0 })).toThrow('exit setting stopLossPct must be a positive number, got 0');
    expect(() => validateExitSettings({ ...DEFAULT_EXIT_SETTINGS, timeExitDaysBefore: -1 })).toThrow('exit setting timeExitDaysBefore must be a non-negative number, got -1');
    expect(() => validateExitSettings({ ...DEFAULT_EXIT_SETTINGS, maxSpreadMultiplier: 1 })).toThrow('exit setting maxSpreadMultiplier must be above 1, got 1');
  });
});
