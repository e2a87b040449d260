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
});
