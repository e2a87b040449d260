import { bankrollCheck, bankrollFor as bankrollAt, sizingBankrollUsd, accountSnapshotMaxAgeMs } from './bankroll';

const NOW = new Date('2026-11-27T06:00:00.000Z');
const MAX_AGE_MS = accountSnapshotMaxAgeMs(10);
const bankrollFor = (configuredUsd: number, realOrders: boolean, funds: Parameters<typeof bankrollAt>[2], now: Date) => bankrollAt(configuredUsd, realOrders, funds, now, MAX_AGE_MS);
const readAgo = (ms: number, collateralUsd: number, positionsValueUsd = 0) => ({ at: new Date(NOW.getTime() - ms), collateralUsd, positionsValueUsd });

describe('bankrollFor', () => {
  it('is the configured bankroll when no real order can be sent (paper, dry run), whatever the venue holds', () => {
    expect(bankrollFor(10_000, false, readAgo(0, 300), NOW)).toMatchObject({ usd: 10_000, basis: 'configured' });
    expect(bankrollFor(10_000, false, null, NOW)).toMatchObject({ usd: 10_000, basis: 'configured' });
  });

  it('with real orders, is never more than the account holds at the venue: collateral plus positions', () => {
    const small = bankrollFor(10_000, true, readAgo(60_000, 250, 50), NOW);
    expect(small).toMatchObject({ usd: 300, basis: 'venue' });
    expect(small.note).toContain("the account's $300.00 at the venue, under POLYBOT_PAPER_BANKROLL $10000.00");
    expect(bankrollFor(1_000, true, readAgo(60_000, 5_000, 200), NOW)).toMatchObject({ usd: 1_000, basis: 'venue' });
    // A negative figure from the venue never adds to the bankroll.
    expect(bankrollFor(1_000, true, readAgo(0, 400, -100), NOW).usd).toBe(400);
  });

  it('with real orders and no recent reading of the account, is 0: nothing new may be opened', () => {
    expect(bankrollFor(10_000, true, null, NOW)).toMatchObject({ usd: 0, basis: 'unread', note: "the account's funds at the venue were not read in the last 300 s: nothing new may be opened" });
    const stale = bankrollFor(10_000, true, readAgo(MAX_AGE_MS + 1, 5_000), NOW);
    expect(stale).toMatchObject({ usd: 0, basis: 'unread' });
    expect(bankrollFor(10_000, true, readAgo(MAX_AGE_MS, 5_000), NOW).basis).toBe('venue');
  });
});

describe('accountSnapshotMaxAgeMs', () => {
  it('is 5 minutes, or three cycles of a slower loop', () => {
    expect(accountSnapshotMaxAgeMs(10)).toBe(300_000);
    expect(accountSnapshotMaxAgeMs(300)).toBe(900_000);
  });
});

describe('bankrollCheck', () => {
  it('fails BANKROLL, with the reason, only when the bankroll could not be established', () => {
    const unread = bankrollFor(10_000, true, null, NOW);
    expect(bankrollCheck(unread)).toEqual({ name: 'BANKROLL', passed: false, value: 0, limit: 0, message: unread.note });
    expect(bankrollCheck(bankrollFor(10_000, true, readAgo(0, 300), NOW))).toBeNull();
    expect(bankrollCheck(bankrollFor(10_000, false, null, NOW))).toBeNull();
  });
});

describe('sizingBankrollUsd', () => {
  it('sizes 1 % under a bankroll read from the account (it moves), and at a configured one as it is', () => {
    expect(sizingBankrollUsd(bankrollFor(10_000, true, readAgo(0, 500), NOW))).toBeCloseTo(495, 9);
    expect(sizingBankrollUsd(bankrollFor(10_000, false, null, NOW))).toBe(10_000);
    expect(sizingBankrollUsd(bankrollFor(10_000, true, null, NOW))).toBe(0);
  });
});
