import type { Fill } from '@polybot/domain';
import { IntentRepository } from '../intents/intent.repository';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { newIntent, PASSING_CHECKS, secondsAfter, T0 } from '../testing/intent.fixture';
import { FillRepository } from './fill.repository';

describe('FillRepository.heldConditionIds (real Postgres)', () => {
  let db: TestDatabase;
  let fills: FillRepository;
  let intentId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    fills = new FillRepository(db.dataSource);
    const intent = await new IntentRepository(db.dataSource).createPending(newIntent(), PASSING_CHECKS, { actor: 'test' });
    intentId = intent!.id;
  });
  afterAll(() => db.drop());

  const fill = (conditionId: string, tokenId: string, side: Fill['side'], shares: number, overrides: Partial<Fill> = {}): Fill => ({
    intentId, kind: 'TRADE', tokenId, marketId: `m-${conditionId}`, conditionId, outcome: 'Yes', category: null,
    side, price: 0.4, shares, feeUsd: 0, at: secondsAfter(T0, 1), ...overrides,
  });

  it('is empty without fills', async () => {
    expect(await fills.heldConditionIds('PAPER')).toEqual([]);
  });

  it('lists conditions with shares still held, per mode, and drops ones sold, settled or left with float dust', async () => {
    await fills.recordMany('PAPER', [
      // Held: bought 100, sold 40.
      fill('0xheld', 'h-yes', 'BUY', 100),
      fill('0xheld', 'h-yes', 'SELL', 40),
      // Closed out by a sale.
      fill('0xsold', 's-yes', 'BUY', 50),
      fill('0xsold', 's-yes', 'SELL', 50),
      // Claimed: the settlement fill is recorded as a SELL at 1.
      fill('0xsettled', 'x-no', 'BUY', 30, { outcome: 'No' }),
      fill('0xsettled', 'x-no', 'SELL', 30, { kind: 'SETTLEMENT', price: 1, outcome: 'No' }),
      // 0.1 + 0.2 bought, 0.3 sold: float dust below the tolerance is flat.
      fill('0xdust', 'd-yes', 'BUY', 0.1),
      fill('0xdust', 'd-yes', 'BUY', 0.2),
      fill('0xdust', 'd-yes', 'SELL', 0.3),
      // Flat on YES but still holding NO: the condition is held.
      fill('0xboth', 'b-yes', 'BUY', 10),
      fill('0xboth', 'b-yes', 'SELL', 10),
      fill('0xboth', 'b-no', 'BUY', 5, { outcome: 'No' }),
      // A sale of one token does not offset another token's shares.
      fill('0xcross', 'c-yes', 'BUY', 20),
      fill('0xcross', 'c-no', 'SELL', 20, { outcome: 'No' }),
    ]);
    await fills.recordMany('LIVE', [fill('0xlive', 'l-yes', 'BUY', 7)]);

    expect(await fills.heldConditionIds('PAPER')).toEqual(['0xboth', '0xcross', '0xheld']);
    expect(await fills.heldConditionIds('LIVE')).toEqual(['0xlive']);
  });

  it('keeps a dust position above the tolerance', async () => {
    await fills.recordMany('LIVE', [fill('0xtiny', 't-yes', 'BUY', 1e-6)]);
    expect(await fills.heldConditionIds('LIVE')).toEqual(['0xlive', '0xtiny']);
  });
});
