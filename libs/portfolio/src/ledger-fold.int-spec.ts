import { buildLedger, type Fill } from '@polybot/domain';
import { countQueries, createTestDatabase, FillRepository, IntentRepository, newIntent, type TestDatabase } from '@polybot/persistence';
import { LedgerFold } from './ledger-fold';

const T0 = Date.parse('2026-01-04T20:30:00.000Z');
const BANKROLL = 10_000;

describe('LedgerFold (real Postgres)', () => {
  let db: TestDatabase;
  let fills: FillRepository;
  let intentId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    fills = new FillRepository(db.dataSource);
    intentId = (await new IntentRepository(db.dataSource).createPending(newIntent(), [], { actor: 'test' }))!.id;
  });
  afterAll(async () => db?.drop());

  const fill = (seconds: number, side: Fill['side'], price: number, shares = 10): Fill => ({
    intentId, kind: 'TRADE', tokenId: 't1', marketId: 'm1', conditionId: '0xc', outcome: 'Yes', category: null,
    side, price, shares, feeUsd: 0.1, at: new Date(T0 + seconds * 1000),
  });
  const fromScratch = async () => buildLedger(BANKROLL, await fills.all('PAPER'));

  it('equals the whole log folded from scratch, reading only new fills each time', async () => {
    const fold = new LedgerFold(fills, 'PAPER', BANKROLL);
    expect(await fold.current()).toEqual(await fromScratch());
    await fills.recordMany('PAPER', [fill(1, 'BUY', 0.4), fill(2, 'BUY', 0.5)]);
    await fills.recordMany('LIVE', [fill(3, 'BUY', 0.9)]);
    expect(await fold.current()).toEqual(await fromScratch());
    await fills.recordMany('PAPER', [fill(4, 'SELL', 0.6, 5)]);
    const read = await countQueries(db.dataSource, () => fold.current());
    expect(read.result).toEqual(await fromScratch());
    expect(read.queries).toHaveLength(1);
  });

  it('folds again from scratch when a fill committed late under an id already passed, or sorts before the last one', async () => {
    const fold = new LedgerFold(fills, 'PAPER', BANKROLL);
    await fold.current();
    await fills.recordMany('PAPER', [fill(10, 'BUY', 0.3)]);
    await fold.current();
    // A transaction takes its id first but commits after a later one: the fold passes its id unseen.
    const slow = db.dataSource.createQueryRunner();
    await slow.startTransaction();
    await fills.recordMany('PAPER', [fill(11, 'BUY', 0.2)], slow.manager);
    await fills.recordMany('PAPER', [fill(12, 'BUY', 0.25)]);
    expect(await fold.current()).toEqual(await fromScratch());
    await slow.commitTransaction();
    await slow.release();
    expect(await fold.current()).toEqual(await fromScratch());
    // Stored now, but dated before fills already folded.
    await fills.recordMany('PAPER', [fill(0.5, 'BUY', 0.7, 3)]);
    expect(await fold.current()).toEqual(await fromScratch());
  });

  it('gives concurrent callers each a read made after their call', async () => {
    const fold = new LedgerFold(fills, 'PAPER', BANKROLL);
    const first = fold.current();
    await fills.recordMany('PAPER', [fill(20, 'BUY', 0.45)]);
    const second = fold.current();
    await first;
    expect(await second).toEqual(await fromScratch());
  });
});
