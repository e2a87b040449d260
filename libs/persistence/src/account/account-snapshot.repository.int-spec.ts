import { createTestDatabase, secondsAfter, T0, type TestDatabase } from '../testing';
import { AccountSnapshotRepository } from './account-snapshot.repository';

describe('AccountSnapshotRepository (real Postgres)', () => {
  let db: TestDatabase;
  let snapshots: AccountSnapshotRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    snapshots = new AccountSnapshotRepository(db.dataSource);
  });
  afterAll(async () => db.drop());

  it('returns null before the first snapshot, then the one taken last', async () => {
    expect(await snapshots.latest()).toBeNull();
    const later = await snapshots.record({
      takenAt: secondsAfter(T0, 60), mode: 'DRY_RUN', bankroll: 10_000, cash: 8_500.5, equity: 10_120.25,
      positions: [{ tokenId: 't', size: 100, avgPrice: 0.4 }], openOrders: [], balances: { USDC: 8500.5 }, unavailable: [],
    });
    await snapshots.record({
      takenAt: T0, mode: 'LIVE', bankroll: null, cash: null, equity: null,
      positions: [], openOrders: [], balances: {}, unavailable: ['positions', 'balances'],
    });
    const latest = await snapshots.latest();
    expect(latest).toEqual(later);
    expect(latest).toMatchObject({ bankroll: 10_000, cash: 8_500.5, balances: { USDC: 8500.5 }, positions: [{ tokenId: 't', size: 100, avgPrice: 0.4 }] });
  });

  it('reads the mode and time of the snapshot taken last', async () => {
    await snapshots.record({
      takenAt: secondsAfter(T0, 120), mode: 'live', bankroll: 10_000, cash: 10_000, equity: 10_000, positions: [], openOrders: [], balances: {}, unavailable: [],
    });
    expect(await snapshots.latestMode()).toEqual({ mode: 'live', takenAt: secondsAfter(T0, 120) });
  });

  it("reads the account's funds at the venue from the newest live snapshot that read its collateral, with a day-old equity", async () => {
    const fundsSince = async (since: Date) => (await snapshots.portfolioHistory(secondsAfter(T0, -1), 'live', since)).funds;
    expect(await snapshots.portfolioHistory(secondsAfter(T0, 200), 'live', null)).toEqual({ equityThen: 10_000, funds: null });
    expect(await fundsSince(T0)).toBeNull();
    const base = { bankroll: 10_000, cash: 10_000, equity: 10_000, openOrders: [] };
    const collateral = (balance: number) => ({ collateral: { balance, allowances: {} } });
    const held = [{ tokenId: 'a', size: 10, avgPrice: 0.4, currentValue: 6 }, { tokenId: 'b', size: 5, avgPrice: 0.5, currentValue: 1.5 }, { tokenId: 'c', size: 1, avgPrice: 0.5, currentValue: null }];
    await snapshots.record({ ...base, takenAt: secondsAfter(T0, 100), mode: 'live', positions: held, balances: collateral(250.5), unavailable: [] });
    expect(await fundsSince(T0)).toEqual({ at: secondsAfter(T0, 100), collateralUsd: 250.5, positionsValueUsd: 7.5 });

    // Positions not read (the column then holds the ledger's): only the collateral counts.
    await snapshots.record({ ...base, takenAt: secondsAfter(T0, 110), mode: 'live', positions: [{ tokenId: 'a', shares: 10, currentValue: 900 }], balances: collateral(240), unavailable: ['positions: data GET /positions: HTTP 500'] });
    expect(await fundsSince(T0)).toEqual({ at: secondsAfter(T0, 110), collateralUsd: 240, positionsValueUsd: 0 });

    // Neither a reading without the collateral nor a paper snapshot is one.
    await snapshots.record({ ...base, takenAt: secondsAfter(T0, 120), mode: 'live', positions: held, balances: {}, unavailable: ['balances: timed out'] });
    await snapshots.record({ ...base, takenAt: secondsAfter(T0, 130), mode: 'paper', positions: [], balances: collateral(99_999), unavailable: [] });
    expect(await fundsSince(T0)).toEqual({ at: secondsAfter(T0, 110), collateralUsd: 240, positionsValueUsd: 0 });
    // None since the bound: none at all; no bound, no funds read; the equity comes either way.
    expect(await fundsSince(secondsAfter(T0, 111))).toBeNull();
    expect(await snapshots.portfolioHistory(secondsAfter(T0, 115), 'live', null)).toEqual({ equityThen: 10_000, funds: null });
    expect(await snapshots.portfolioHistory(secondsAfter(T0, 115), 'paper', T0)).toEqual({ equityThen: null, funds: { at: secondsAfter(T0, 110), collateralUsd: 240, positionsValueUsd: 0 } });
  });
});
