import { randomUUID } from 'node:crypto';
import type { Fill, IntentType } from '@polybot/domain';
import { FillRepository, IntentRepository, MarketRepository } from '@polybot/persistence';
import { testMarket } from '@polybot/runtime';
import { ExecuteIntentService } from './execute-intent.service';
import { startExecutorTestBed, type ExecutorTestBed } from './testing/executor-test-bed';

/**
 * Paper execution resumed after an interruption (real Postgres, Redis, simulator): the executor
 * died after the paper venue wrote an intent's fills and before its outcome. Those fills closed the
 * position the close or claim was for, so the resumed execution must settle from them, not fail
 * for want of a position that its own fills took away.
 */
describe('paper execution, resumed after its fills were written (real Postgres, Redis, simulator)', () => {
  let bed: ExecutorTestBed;
  let intents: IntentRepository;
  let fills: FillRepository;
  let executor: ExecuteIntentService;
  const market = testMarket(`m-${randomUUID()}`, { tickSize: 0.01, minOrderSize: 5 });
  const token = market.tokens[0];

  beforeAll(async () => {
    bed = await startExecutorTestBed({ POLYBOT_MODE: 'paper' });
    intents = bed.moduleRef.get(IntentRepository);
    fills = bed.moduleRef.get(FillRepository);
    executor = bed.moduleRef.get(ExecuteIntentService);
    await bed.moduleRef.get(MarketRepository).upsertMany([market]);
  });

  afterAll(async () => {
    await bed?.close();
  });

  const fillOf = (intentId: string, kind: Fill['kind'], side: Fill['side'], price: number, shares: number): Fill => ({
    intentId, kind, tokenId: token.tokenId, marketId: market.marketId, conditionId: market.conditionId, outcome: token.outcome,
    category: null, side, price, shares, feeUsd: 0, at: new Date(),
  });

  async function approved(type: IntentType, side: Fill['side'], price: number): Promise<string> {
    const now = Date.now();
    const intent = await intents.createPending(
      {
        type, marketId: market.marketId, conditionId: market.conditionId, tokenId: token.tokenId, outcome: token.outcome,
        side, price, sizeUsd: 50, edge: null, modelProb: null, marketPrice: 0.5,
        confidence: null, reason: 'test', strategy: null, createdAt: new Date(now), expiresAt: new Date(now + 600_000),
      },
      [],
      { actor: 'test' },
    );
    if (!intent) throw new Error('intent was not created');
    await intents.transition(intent.id, 'Approve', { now: new Date(), actor: 'alice' });
    await intents.transition(intent.id, 'StartExecution', { now: new Date(), actor: 'executor' });
    return intent.id;
  }

  /** 100 shares bought and executed: the position the close or claim is for. */
  async function held(): Promise<void> {
    const open = await approved('OPEN_POSITION', 'BUY', 0.4);
    await fills.recordMany('PAPER', [fillOf(open, 'TRADE', 'BUY', 0.4, 100)]);
    await intents.transition(open, 'CompleteExecution', { now: new Date(), actor: 'executor' });
  }

  it.each([
    ['CLOSE_POSITION', 'TRADE', 0.5, 'FILLED'],
    ['CLAIM_SETTLEMENT', 'SETTLEMENT', 1, 'SETTLED'],
  ] as const)('a %s whose fills closed the position ends EXECUTED from them, with no second fill', async (type, kind, price, status) => {
    await held();
    // Approved and past the executor's gate: a worker took it, then died.
    const id = await approved(type, 'SELL', price);
    // What the paper venue wrote before the interruption: the fill that closed the position.
    await fills.recordMany('PAPER', [fillOf(id, kind, 'SELL', price, 100)]);

    await expect(executor.execute({ v: 1, intentId: id, approvedAt: new Date().toISOString() })).resolves.toBe('EXECUTED');

    expect((await intents.findById(id))?.status).toBe('EXECUTED');
    const [outcome] = await bed.db.dataSource.query('SELECT mode, status, filled_size FROM execution_outcomes WHERE intent_id = $1', [id]);
    expect(outcome).toEqual({ mode: 'PAPER', status, filled_size: 100 });
    expect(await fills.forIntent(id)).toHaveLength(1);
  });
});
