import type { RiskCheckResult, Signal } from '@polybot/domain';
import { IntentRepository } from '../intents/intent.repository';
import { RiskCheckRepository } from '../risk-checks/risk-check.repository';
import { createTestDatabase, newIntent, PASSING_CHECKS, type TestDatabase } from '../testing';
import { SignalRepository } from './signal.repository';

const signal = (tokenId: string, edge: number): Signal => ({
  strategy: 'neg-risk-consistency', marketId: 'm-1', conditionId: '0xc', tokenId, outcome: 'Yes', side: 'BUY',
  modelProb: 0.5 + edge, marketPrice: 0.5, edge, confidence: 0.7, reason: `edge ${edge}`,
});

const DENIAL: RiskCheckResult[] = [
  { name: 'MIN_EDGE', passed: true, value: 0.06, limit: 0.05, message: 'edge 6.0% >= 5.0%' },
  { name: 'MAX_POSITION_PCT', passed: false, value: 400, limit: 200, message: 'size $400.00 > 2% of bankroll ($200.00)' },
  { name: 'MAX_ORDERS_PER_HOUR', passed: true, value: 3, limit: Infinity, message: 'no hourly limit' },
];

describe('SignalRepository and RiskCheckRepository (real Postgres)', () => {
  let db: TestDatabase;
  let signals: SignalRepository;
  let checks: RiskCheckRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    signals = new SignalRepository(db.dataSource);
    checks = new RiskCheckRepository(db.dataSource);
  });
  afterAll(async () => db.drop());

  it('records a batch of signals in one statement; denied ones keep their checks in order', async () => {
    const intent = await new IntentRepository(db.dataSource).createPending(newIntent({ tokenId: 'tok-a' }), PASSING_CHECKS, { actor: 'risk' });
    const queries: string[] = [];
    const original = db.dataSource.driver.createQueryRunner.bind(db.dataSource.driver);
    db.dataSource.driver.createQueryRunner = (mode) => {
      const runner = original(mode);
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: never[]) => { queries.push(sql); return query(sql, ...rest); }) as typeof runner.query;
      return runner;
    };
    try {
      await signals.recordMany([
        { signal: signal('tok-a', 0.08), cycleId: 'cycle-1', decision: 'PROPOSED', intentId: intent!.id },
        { signal: signal('tok-b', 0.06), cycleId: 'cycle-1', decision: 'DENIED', checks: DENIAL },
        { signal: signal('tok-a', 0.07), cycleId: 'cycle-1', decision: 'DUPLICATE' },
      ]);
    } finally {
      db.dataSource.driver.createQueryRunner = original;
    }
    expect(queries).toHaveLength(1);

    const recent = await signals.recent(10);
    expect(recent).toHaveLength(3);
    const denied = recent.find((s) => s.decision === 'DENIED')!;
    expect(denied).toMatchObject({ tokenId: 'tok-b', cycleId: 'cycle-1', edge: 0.06, intentId: null });
    expect(denied.checks).toEqual(DENIAL);
    expect(await checks.forSignal(denied.id)).toEqual(DENIAL);
    expect(recent.find((s) => s.decision === 'PROPOSED')).toMatchObject({ intentId: intent!.id, checks: [] });
  });

  it('accepts an empty batch', async () => {
    await expect(signals.recordMany([])).resolves.toBeUndefined();
  });

  it('keeps approval and execution checks apart from the proposal checks on the intent', async () => {
    const intents = new IntentRepository(db.dataSource);
    const intent = (await intents.createPending(newIntent(), PASSING_CHECKS, { actor: 'risk' }))!;
    const drift: RiskCheckResult[] = [{ name: 'PRICE_DRIFT', passed: false, value: 0.05, limit: 0.02, message: 'drift 5c > 2c' }];
    await checks.record(intent.id, 'EXECUTION', drift);
    expect(await checks.forIntent(intent.id, 'EXECUTION')).toEqual(drift);
    expect(await checks.forIntent(intent.id, 'PROPOSAL')).toEqual(PASSING_CHECKS);
    expect((await intents.findById(intent.id))!.riskChecks).toEqual(PASSING_CHECKS);
  });
});
