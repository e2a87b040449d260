import type { MarketSnapshot } from '../market/market.types';
import { applyFill, buildLedger } from '../paper/ledger';
import type { Position } from '../portfolio/portfolio.types';
import { ResolutionError, type ResolutionInput } from './market-resolution';
import { claimDraft, resolutionOf } from './settlement-claim';
import { settlementFill } from './settlement-fill';

const NOW = Date.parse('2026-12-02T00:00:00Z');
const TOKENS = [
  { tokenId: 'tok-yes', outcome: 'Yes' },
  { tokenId: 'tok-no', outcome: 'No' },
];

function input(outcomePrices: ResolutionInput['outcomePrices'], overrides: Partial<ResolutionInput> = {}): ResolutionInput {
  return { marketId: 'm1', closed: true, umaResolutionStatus: 'resolved', outcomePrices, tokens: TOKENS, ...overrides };
}

// 487.80 Yes shares bought at 0.60 (cost 292.68) out of a 1000 bankroll.
const LEDGER = buildLedger(1000, [
  { intentId: 'b1', kind: 'TRADE', tokenId: 'tok-yes', marketId: 'm1', conditionId: '0xcond', outcome: 'Yes', category: null, side: 'BUY', price: 0.6, shares: 487.8, feeUsd: 0, at: new Date(NOW - 86_400_000) },
]);
const HELD = LEDGER.positions[0] as Position;

describe('resolutionOf', () => {
  it('reads a Yes win from Gamma\'s JSON-in-a-string prices', () => {
    expect(resolutionOf(input('["1", "0"]'))).toEqual({
      marketId: 'm1',
      winner: { tokenId: 'tok-yes', outcome: 'Yes' },
      split: false,
      payouts: [
        { tokenId: 'tok-yes', outcome: 'Yes', payoutPerShare: 1 },
        { tokenId: 'tok-no', outcome: 'No', payoutPerShare: 0 },
      ],
    });
  });

  it('reads a No win from an array', () => {
    expect(resolutionOf(input(['0', '1']))?.winner).toEqual({ tokenId: 'tok-no', outcome: 'No' });
  });

  it('reads a split: each token pays 0.5 and there is no winner', () => {
    const resolution = resolutionOf(input(['0.5', '0.5']));
    expect(resolution?.split).toBe(true);
    expect(resolution?.winner).toBeNull();
    expect(resolution?.payouts.map((payout) => payout.payoutPerShare)).toEqual([0.5, 0.5]);
  });

  it('reads a MarketSnapshot carrying Gamma\'s resolution fields (numbers in tokens order)', () => {
    const snapshot: MarketSnapshot = {
      marketId: 'm1', conditionId: '0xcond', question: 'q', slug: 's', eventId: null, eventSlug: null, negRisk: false, endDate: null, category: null, tags: [],
      active: false, closed: true, acceptingOrders: false, enableOrderBook: true, liquidityUsd: 0, volume24hUsd: 0, tickSize: 0.01, minOrderSize: 5, feeSchedule: null,
      tokens: TOKENS.map((token) => ({ ...token, bestBid: null, bestAsk: null, mid: null, spread: null, bidDepthUsd: 0, askDepthUsd: 0, bookTimestamp: null })),
      fetchedAt: '2026-12-02T00:00:00Z', umaResolutionStatus: 'resolved', outcomePrices: [0, 1],
    };
    expect(resolutionOf(snapshot)?.winner).toEqual({ tokenId: 'tok-no', outcome: 'No' });
    expect(() => resolutionOf({ ...snapshot, outcomePrices: null })).toThrow('cannot read the resolution of market m1: it is resolved but carries no outcomePrices');
  });

  it('is null while the market is open or not resolved by UMA', () => {
    expect(resolutionOf(input(['1', '0'], { closed: false }))).toBeNull();
    expect(resolutionOf(input(['1', '0'], { umaResolutionStatus: 'proposed' }))).toBeNull();
    expect(resolutionOf(input(['1', '0'], { umaResolutionStatus: undefined }))).toBeNull();
  });

  it('refuses prices that are neither a win nor a split, naming the market', () => {
    expect(() => resolutionOf(input(['0', '0']))).toThrow('cannot read the resolution of market m1: outcome prices [0,0] are neither a win');
    expect(() => resolutionOf(input(['0.9995', '0.0005']))).toThrow(ResolutionError);
    expect(() => resolutionOf(input('not json'))).toThrow('outcomePrices is not JSON: "not json"');
    expect(() => resolutionOf(input(['1']))).toThrow('expected 2 outcome prices for 2 tokens, got 1 prices for 2 tokens');
  });
});

describe('claimDraft', () => {
  it('claims a held winner with the shares and dollars in the reason', () => {
    const resolution = resolutionOf(input(['1', '0']));
    if (resolution === null) throw new Error('expected a resolution');
    expect(claimDraft(HELD, resolution, NOW, 300)).toEqual({
      type: 'CLAIM_SETTLEMENT',
      marketId: 'm1',
      conditionId: '0xcond',
      tokenId: 'tok-yes',
      outcome: 'Yes',
      side: 'SELL',
      price: 1,
      shares: 487.8,
      sizeUsd: 487.8,
      reason: 'Claim settlement: Yes won, 487.80 shares pay $487.80',
      createdAt: new Date(NOW),
      expiresAt: new Date(NOW + 300_000),
    });
  });

  it('claims half on a split: 487.80 x 0.5 = 243.90', () => {
    const resolution = resolutionOf(input(['0.5', '0.5']));
    if (resolution === null) throw new Error('expected a resolution');
    const draft = claimDraft(HELD, resolution, NOW, 300);
    expect(draft?.sizeUsd).toBe(243.9);
    expect(draft?.reason).toBe('Claim settlement: market split, Yes pays 0.50 a share, 487.80 shares pay $243.90');
  });

  it('has nothing to claim for a losing position', () => {
    const resolution = resolutionOf(input(['0', '1']));
    if (resolution === null) throw new Error('expected a resolution');
    expect(claimDraft(HELD, resolution, NOW, 300)).toBeNull();
  });

  it('names the token when the position is not in the resolved market', () => {
    const resolution = resolutionOf(input(['1', '0']));
    if (resolution === null) throw new Error('expected a resolution');
    expect(() => claimDraft({ ...HELD, tokenId: 'tok-other' }, resolution, NOW, 300)).toThrow('cannot read the resolution of market m1: token tok-other is not one of its outcomes');
  });
});

describe('settlementFill into the ledger', () => {
  it('at 1: cash 1000 - 292.68 + 487.80 = 1195.12, realized (1 - 0.60) x 487.80 = 195.12, position gone', () => {
    const fill = settlementFill(HELD, 1, new Date(NOW), 'c1');
    expect(fill).toEqual({ intentId: 'c1', kind: 'SETTLEMENT', tokenId: 'tok-yes', marketId: 'm1', conditionId: '0xcond', outcome: 'Yes', category: null, side: 'SELL', price: 1, shares: 487.8, feeUsd: 0, at: new Date(NOW) });
    const ledger = applyFill(LEDGER, fill);
    expect(ledger.cash).toBe(1195.12);
    expect(ledger.realizedPnlUsd).toBe(195.12);
    expect(ledger.positions).toEqual([]);
  });

  it('at 0: the loser is written off, realized -0.60 x 487.80 = -292.68, cash unchanged at 707.32', () => {
    const ledger = applyFill(LEDGER, settlementFill(HELD, 0, new Date(NOW), 'w1'));
    expect(ledger.cash).toBe(707.32);
    expect(ledger.realizedPnlUsd).toBe(-292.68);
    expect(ledger.positions).toEqual([]);
  });

  it('refuses a payout that is not 0, 0.5 or 1', () => {
    expect(() => settlementFill(HELD, 0.9995, new Date(NOW), 'x')).toThrow('settlementFill: payout per share must be 0, 0.5 or 1, got 0.9995');
  });
});
