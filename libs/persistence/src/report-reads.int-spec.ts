import type { MarketSnapshot } from '@polybot/domain';
import { ExecutionRepository } from './executions/execution.repository';
import { IntentRepository } from './intents/intent.repository';
import { KillSwitchRepository } from './kill-switches/kill-switch.repository';
import { MarketRepository } from './markets/market.repository';
import { createTestDatabase, newIntent, secondsAfter, T0, type TestDatabase } from './testing';

/** The read-only windows the operator reports (`polyb0t report`, `polyb0t universe`) rely on. */
describe('report reads (real Postgres)', () => {
  let db: TestDatabase;
  let intents: IntentRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    intents = new IntentRepository(db.dataSource);
  });
  afterAll(async () => db.drop());

  const since = secondsAfter(T0, 100);
  const until = secondsAfter(T0, 200);

  it('IntentRepository.createdOrDecidedBetween: created in the window, or decided in it; the end is exclusive', async () => {
    const before = (await intents.createPending(newIntent({ createdAt: T0, expiresAt: secondsAfter(T0, 1000) }), [], { actor: 'risk' }))!;
    const decidedInside = (await intents.createPending(newIntent({ createdAt: T0, expiresAt: secondsAfter(T0, 1000) }), [], { actor: 'risk' }))!;
    await intents.transition(decidedInside.id, 'Approve', { now: secondsAfter(T0, 150), actor: 'cli' });
    const inside = (await intents.createPending(newIntent({ createdAt: since, expiresAt: secondsAfter(T0, 1000) }), [], { actor: 'risk' }))!;
    await intents.createPending(newIntent({ createdAt: until, expiresAt: secondsAfter(T0, 1000) }), [], { actor: 'risk' });
    const decidedAfter = (await intents.createPending(newIntent({ createdAt: T0, expiresAt: secondsAfter(T0, 1000) }), [], { actor: 'risk' }))!;
    await intents.transition(decidedAfter.id, 'Reject', { now: until, actor: 'cli' });

    const found = await intents.createdOrDecidedBetween(since, until);
    expect(found.map((i) => i.id)).toEqual([decidedInside.id, inside.id]);
    expect(found[0]).toMatchObject({ status: 'APPROVED', decidedAt: secondsAfter(T0, 150), createdAt: T0 });
    expect(found.map((i) => i.id)).not.toContain(before.id);
  });

  it('ExecutionRepository.createdBetween: outcomes first recorded in the window', async () => {
    const executions = new ExecutionRepository(db.dataSource);
    const a = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
    const b = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
    await executions.recordOutcome({ intentId: a.id, mode: 'PAPER', status: 'FILLED', orderRequest: null, filledSize: 10 });
    await executions.recordOutcome({ intentId: b.id, mode: 'DRY_RUN', status: 'DRY_RUN', orderRequest: null });
    await db.dataSource.query('UPDATE execution_outcomes SET created_at = $1 WHERE intent_id = $2', [secondsAfter(T0, 120), a.id]);
    await db.dataSource.query('UPDATE execution_outcomes SET created_at = $1 WHERE intent_id = $2', [until, b.id]);
    const found = await executions.createdBetween(since, until);
    expect(found.map((o) => [o.intentId, o.mode, o.status, o.filledSize])).toEqual([[a.id, 'PAPER', 'FILLED', 10]]);
  });

  it('KillSwitchRepository.eventsBetween: trips and clears in the window, oldest first', async () => {
    const switches = new KillSwitchRepository(db.dataSource);
    await switches.trip('DRAWDOWN', 16, 15, 'drawdown 16% >= 15%', 'risk', T0);
    await switches.clear('DRAWDOWN', 'cli', secondsAfter(T0, 110));
    await switches.trip('STALE_DATA', 75, 60, 'data 75 s old', 'risk', secondsAfter(T0, 130));
    await switches.clear('STALE_DATA', 'api', until);
    const events = await switches.eventsBetween(since, until);
    expect(events.map((e) => [e.name, e.action, e.actor, e.at.toISOString()])).toEqual([
      ['DRAWDOWN', 'CLEARED', 'cli', secondsAfter(T0, 110).toISOString()],
      ['STALE_DATA', 'TRIPPED', 'risk', secondsAfter(T0, 130).toISOString()],
    ]);
  });

  it('MarketRepository.listOpen: every stored market not closed, by id', async () => {
    const markets = new MarketRepository(db.dataSource);
    const base: Omit<MarketSnapshot, 'marketId'> = {
      conditionId: '0xc', question: 'q?', slug: 's', eventId: 'e', eventSlug: 'e', negRisk: false, endDate: null, category: null, tags: [],
      active: true, closed: false, acceptingOrders: true, enableOrderBook: true, liquidityUsd: 1, volume24hUsd: 1, tickSize: 0.01,
      minOrderSize: 5, feeSchedule: null, tokens: [], fetchedAt: T0.toISOString(),
    };
    await markets.upsertMany([{ ...base, marketId: 'm-b' }, { ...base, marketId: 'm-a' }, { ...base, marketId: 'm-closed', closed: true }]);
    const open = await markets.listOpen();
    expect(open.map((m) => m.marketId)).toEqual(['m-a', 'm-b']);
    expect(open[0]).toEqual({ ...base, marketId: 'm-a' });
  });
});
