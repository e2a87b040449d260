import type { AccountSnapshot } from '@polybot/persistence';
import { venueAccountOf } from './venue-account';

const NOW = new Date('2026-11-27T06:00:00.000Z');
const TAKEN = new Date('2026-11-27T05:59:50.000Z');
const POSITION = {
  tokenId: '7123', conditionId: '0xc1', outcome: 'Yes', outcomeIndex: 0, size: 100, avgPrice: 0.4, currentValue: 55, redeemable: false, negativeRisk: true,
};
const ORDER = { id: '0xo1', status: 'LIVE', tokenId: '7123', side: 'BUY', originalSize: 50, sizeMatched: 10, price: 0.42 };
const COLLATERAL = { balance: 1234.56, allowances: { '0xExchange': 1e71, '0xNegRisk': 500 } };

const snapshot = (over: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
  id: 1, takenAt: TAKEN, mode: 'live', bankroll: 10_000, cash: 10_000, equity: 10_000,
  positions: [POSITION, { ...POSITION, tokenId: '7999', outcome: 'No', currentValue: 80 }], openOrders: [ORDER], balances: { collateral: COLLATERAL }, unavailable: [],
  ...over,
});

describe('venueAccountOf', () => {
  it('gives the live snapshot: its time, pUSD balance and allowances, positions by value and open orders', () => {
    expect(venueAccountOf(snapshot(), { mode: 'live' }, NOW)).toEqual({
      not_read: null,
      snapshot_at: TAKEN.toISOString(),
      snapshot_age_seconds: 10,
      collateral: COLLATERAL,
      positions: [
        { token_id: '7999', condition_id: '0xc1', outcome: 'No', size: 100, avg_price: 0.4, current_value: 80, redeemable: false },
        { token_id: '7123', condition_id: '0xc1', outcome: 'Yes', size: 100, avg_price: 0.4, current_value: 55, redeemable: false },
      ],
      open_orders: [{ id: '0xo1', token_id: '7123', side: 'BUY', price: 0.42, original_size: 50, size_matched: 10, status: 'LIVE' }],
      unavailable: [],
    });
  });

  it('names each part the venue did not answer for, and never shows the ledger positions stored in their place', () => {
    const ledgerPositions = [{ tokenId: 'ledger', marketId: 'm-1', shares: 5 }];
    const account = venueAccountOf(
      snapshot({
        positions: ledgerPositions, openOrders: [], balances: {},
        unavailable: ['positions: data GET /positions: HTTP 500', 'openOrders: no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)', 'balances: no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)'],
      }),
      { mode: 'live' },
      NOW,
    );
    expect(account).toMatchObject({ collateral: null, positions: [], open_orders: [] });
    expect(account.unavailable).toEqual([
      { part: 'positions', reason: 'data GET /positions: HTTP 500' },
      { part: 'open_orders', reason: 'no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)' },
      { part: 'balances', reason: 'no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)' },
    ]);
  });

  it('keeps the rows it can read and counts the others as unavailable', () => {
    const account = venueAccountOf(snapshot({ positions: [POSITION, { tokenId: 7 }], openOrders: 'garbage' }), { mode: 'live' }, NOW);
    expect(account.positions.map((p) => p.token_id)).toEqual(['7123']);
    expect(account.unavailable).toEqual([
      { part: 'positions', reason: '1 stored row(s) unreadable' },
      { part: 'open_orders', reason: 'stored value is not a list' },
    ]);
  });

  it('reads no venue account in paper mode, and says when live services have not recorded one yet', () => {
    expect(venueAccountOf(null, { mode: 'paper' }, NOW)).toMatchObject({ not_read: "paper mode: the venue account is not read, only the bot's own ledger", snapshot_at: null });
    // Services running paper: their snapshot holds the paper ledger, whatever this process's mode.
    expect(venueAccountOf(snapshot({ mode: 'paper' }), { mode: 'live' }, NOW)).toMatchObject({ not_read: expect.stringMatching(/^paper mode/), positions: [] });
    expect(venueAccountOf(null, { mode: 'live' }, NOW).not_read).toMatch(/^no account snapshot yet/);
    // Services running live while this process is set to paper: their account is still the venue's.
    expect(venueAccountOf(snapshot(), { mode: 'paper' }, NOW)).toMatchObject({ not_read: null, collateral: COLLATERAL });
  });
});
