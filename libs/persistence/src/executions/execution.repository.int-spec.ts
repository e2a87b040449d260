import { IntentRepository } from '../intents/intent.repository';
import { createTestDatabase, newIntent, type TestDatabase } from '../testing';
import { ExecutionRepository } from './execution.repository';

describe('ExecutionRepository (real Postgres)', () => {
  let db: TestDatabase;
  let executions: ExecutionRepository;
  let intents: IntentRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    executions = new ExecutionRepository(db.dataSource);
    intents = new IntentRepository(db.dataSource);
  });
  afterAll(async () => db.drop());

  const order = { tokenID: 'tok', price: 0.42, size: 357.14, side: 'BUY', orderType: 'GTC', clientId: 'polybot-1' };

  it('stores the exact order and upserts by intent', async () => {
    const intent = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
    const first = await executions.recordOutcome({ intentId: intent.id, mode: 'LIVE', status: 'SUBMITTED', orderRequest: order, orderId: '0xorder' });
    expect(first).toMatchObject({ intentId: intent.id, mode: 'LIVE', status: 'SUBMITTED', orderRequest: order, orderId: '0xorder', filledSize: 0, avgPrice: null, fees: 0, error: null });
    const filled = await executions.recordOutcome({ intentId: intent.id, mode: 'LIVE', status: 'FILLED', orderRequest: order, filledSize: 357.14, avgPrice: 0.419, fees: 0.3 });
    expect(filled).toMatchObject({ id: first.id, status: 'FILLED', orderId: '0xorder', filledSize: 357.14, avgPrice: 0.419, fees: 0.3 });
    expect(await executions.findByIntent(intent.id)).toEqual(filled);
    expect(await executions.recent(10)).toEqual([filled]);
  });

  it('finds several outcomes at once and none for an unknown intent', async () => {
    const a = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
    const b = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
    await executions.recordOutcome({ intentId: a.id, mode: 'DRY_RUN', status: 'LOGGED', orderRequest: order });
    await executions.recordOutcome({ intentId: b.id, mode: 'PAPER', status: 'FAILED', orderRequest: order, error: 'no liquidity' });
    const found = await executions.findByIntents([a.id, b.id, '00000000-0000-4000-8000-000000000000']);
    expect(found.map((o) => o.mode).sort()).toEqual(['DRY_RUN', 'PAPER']);
    expect(found.find((o) => o.intentId === b.id)!.error).toBe('no liquidity');
    expect(await executions.findByIntent('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await executions.findByIntents([])).toEqual([]);
  });

  it('refuses an outcome for an intent that does not exist, or an unknown mode', async () => {
    await expect(executions.recordOutcome({ intentId: '00000000-0000-4000-8000-000000000000', mode: 'LIVE', status: 'X', orderRequest: {} }))
      .rejects.toThrow(/foreign key/);
    const intent = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
    await expect(db.dataSource.query(
      `INSERT INTO execution_outcomes (id, intent_id, mode, status, order_request) VALUES (gen_random_uuid(), $1, 'YOLO', 'x', '{}')`, [intent.id],
    )).rejects.toThrow(/execution_outcomes_mode_check/);
  });
});
