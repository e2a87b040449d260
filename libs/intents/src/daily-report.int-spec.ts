import { randomBytes } from 'node:crypto';
import { loadSettings, type Settings } from '@polybot/config';
import {
  AccountSnapshotRepository, createTestDatabase, ExecutionRepository, FillRepository, IntentRepository, KillSwitchRepository, MarketRepository,
  type TestDatabase,
} from '@polybot/persistence';
import { PortfolioService } from '@polybot/portfolio';
import { testMarket } from '@polybot/runtime';
import { buildDailyReport, type DailyReport } from './daily-report';
import { seedIntent, tradeFill } from './test/report-seed.fixture';

const SINCE = new Date('2026-11-26T00:00:00.000Z');
const UNTIL = new Date('2026-11-27T00:00:00.000Z');
const at = (seconds: number) => new Date(SINCE.getTime() + seconds * 1000);

describe('buildDailyReport (real Postgres)', () => {
  let db: TestDatabase;
  let report: DailyReport;

  beforeAll(async () => {
    db = await createTestDatabase();
    const settings: Settings = loadSettings(
      { POLYBOT_DATABASE_URL: db.url, POLYBOT_MODE: 'paper', POLYBOT_QUEUE_PREFIX: `polybot-test-${randomBytes(4).toString('hex')}` },
      { envFile: false },
    );
    const intents = new IntentRepository(db.dataSource);
    const executions = new ExecutionRepository(db.dataSource);
    const fills = new FillRepository(db.dataSource);
    const killSwitches = new KillSwitchRepository(db.dataSource);
    const markets = new MarketRepository(db.dataSource);
    await markets.upsertMany([testMarket('m-1', { yesBid: 0.55, yesAsk: 0.57 }), testMarket('m-2', { yesBid: 0.4, yesAsk: 0.42 })]);

    // Created before the window, approved in it after 60 s.
    const i0 = await seedIntent(intents, at(-50));
    await intents.transition(i0.id, 'Approve', { now: at(10), actor: 'cli' });
    // Created in the window: four approvals (10, 20, 30, 100 s), a rejection, an expiry, a pending close, one approved after the window.
    const approvals = [10, 20, 30, 100];
    const approved = [];
    for (const [n, latency] of approvals.entries()) {
      const intent = await seedIntent(intents, at(1000 * (n + 1)));
      approved.push((await intents.transition(intent.id, 'Approve', { now: at(1000 * (n + 1) + latency), actor: 'api' })) as { ok: true; intent: { id: string } });
    }
    const [i1, i2, i3] = approved.map((r) => r.intent.id);
    await intents.transition(i1, 'StartExecution', { now: at(5000), actor: 'executor' });
    await intents.transition(i1, 'CompleteExecution', { now: at(5001), actor: 'executor' });
    await intents.transition(i3, 'FailExecution', { now: at(5002), actor: 'executor', reason: 'kill switch' });
    const rejected = await seedIntent(intents, at(6000));
    await intents.transition(rejected.id, 'Reject', { now: at(6005), actor: 'cli' });
    await seedIntent(intents, at(7000), { expiresAt: at(7060) });
    await intents.expireDue(at(7100));
    await seedIntent(intents, at(8000), { type: 'CLOSE_POSITION', side: 'SELL' });
    const late = await seedIntent(intents, at(86_000));
    await intents.transition(late.id, 'Approve', { now: UNTIL, actor: 'cli' });

    // Execution outcomes; their created_at is the database clock, so place them in time by hand.
    await executions.recordOutcome({ intentId: i1, mode: 'PAPER', status: 'FILLED', orderRequest: null, filledSize: 50 });
    await executions.recordOutcome({ intentId: i2, mode: 'PAPER', status: 'FILLED', orderRequest: null, filledSize: 20 });
    await executions.recordOutcome({ intentId: i3, mode: 'DRY_RUN', status: 'REFUSED', orderRequest: null });
    await executions.recordOutcome({ intentId: i0.id, mode: 'PAPER', status: 'FILLED', orderRequest: null });
    await db.dataSource.query('UPDATE execution_outcomes SET created_at = $1 WHERE intent_id <> $2', [at(5000), i0.id]);
    await db.dataSource.query('UPDATE execution_outcomes SET created_at = $1 WHERE intent_id = $2', [at(-10), i0.id]);

    // The paper ledger: 100 bought before the window; 50 sold and 20 of m-2 bought in it; 10 sold exactly at its end.
    await fills.recordMany('PAPER', [
      tradeFill(i0.id, 'm-1', 'BUY', 100, 0.4, 0.5, at(-3600), 'Politics'),
      tradeFill(i1, 'm-1', 'SELL', 50, 0.5, 0.25, at(36_000), 'Politics'),
      tradeFill(i2, 'm-2', 'BUY', 20, 0.45, 0.1, at(39_600), 'Sports'),
      tradeFill(late.id, 'm-1', 'SELL', 10, 0.6, 0, UNTIL, 'Politics'),
    ]);
    // A LIVE fill never counts in paper mode.
    await fills.recordMany('LIVE', [tradeFill(i2, 'm-2', 'BUY', 999, 0.5, 1, at(40_000))]);

    await killSwitches.trip('STALE_DATA', 75, 60, 'data 75 s old', 'risk', at(-100));
    await killSwitches.trip('DRAWDOWN', 16, 15, 'drawdown 16.0% >= 15%', 'risk', at(3600));
    await killSwitches.clear('DRAWDOWN', 'cli', at(7200));

    const accounts = new AccountSnapshotRepository(db.dataSource);
    // Services started with `polyb0t run --live` are running (their last snapshot 30 s ago); this report is set to paper.
    await accounts.record({
      takenAt: new Date(UNTIL.getTime() - 30_000), mode: 'live', bankroll: 10_000, cash: null, equity: null, positions: [], openOrders: [], balances: {}, unavailable: [],
    });
    const portfolio = new PortfolioService({ fills, intents, markets, executions, accounts, settings });
    report = await buildDailyReport({ settings, intents, executions, fills, killSwitches, accounts, portfolio, now: UNTIL }, { since: SINCE, until: UNTIL });
  });
  afterAll(async () => db?.drop());

  it('warns that the running services trade live while this report reads the PAPER ledger', () => {
    expect(report).toMatchObject({ mode: 'paper', ledger: 'PAPER' });
    expect(report.services_mode).toMatchObject({ configured: 'paper', running: 'live', warning: expect.stringContaining('use --live or set POLYBOT_MODE=live') });
  });

  it('counts the intents created in the window by type and by their status now', () => {
    expect(report.intents).toEqual({
      created: 8,
      by_type: { OPEN_POSITION: 7, CLOSE_POSITION: 1 },
      by_status: { PENDING: 1, APPROVED: 3, REJECTED: 1, EXPIRED: 1, EXECUTING: 0, EXECUTED: 1, FAILED: 1 },
    });
  });

  it('counts decisions made in the window, with approval latency median, p90 and max', () => {
    // Latencies 10, 20, 30, 60, 100 s: median 30, nearest-rank p90 100.
    expect(report.decisions).toEqual({ approved: 5, rejected: 1, expired: 1, approval_latency: { median_seconds: 30, p90_seconds: 100, max_seconds: 100 } });
  });

  it('counts executions recorded in the window by mode and status', () => {
    expect(report.executions).toEqual({ count: 3, by_mode: { PAPER: 2, DRY_RUN: 1 }, by_status: { FILLED: 2, REFUSED: 1 } });
  });

  it('totals the window\'s paper fills and fees, the end excluded', () => {
    expect(report.fills).toEqual({
      count: 2, shares: 70, notional_usd: 34, fees_usd: 0.35,
      by_side: { BUY: { count: 1, shares: 20, notional_usd: 9, fees_usd: 0.1 }, SELL: { count: 1, shares: 50, notional_usd: 25, fees_usd: 0.25 } },
    });
    expect(report.fees_usd).toBe(0.35);
    expect(report.ledger).toBe('PAPER');
  });

  it('realizes only the sale inside the window, both legs\' fees included; marks what is held now', () => {
    // (0.50 - 0.40) x 50 - sell fee 0.25 - half the 0.50 buy fee = 4.50.
    expect(report.realized_pnl).toBe(4.5);
    // Held now: 40 of m-1 at 0.40 marked 0.55 (+6.00), 20 of m-2 at 0.45 marked 0.40 (-1.00).
    expect(report.unrealized_pnl).toBe(5);
    // Cash 10000 - 40.5 + 24.75 - 9.1 + 6 = 9981.15; positions 22 + 8.
    expect(report.equity).toBe(10011.15);
  });

  it('lists the kill switch trips and clears inside the window only', () => {
    expect(report.kill_switch_events).toEqual([
      { name: 'DRAWDOWN', action: 'TRIPPED', actor: 'risk', at: at(3600).toISOString(), value: 16, threshold: 15, reason: 'drawdown 16.0% >= 15%' },
      { name: 'DRAWDOWN', action: 'CLEARED', actor: 'cli', at: at(7200).toISOString(), value: 16, threshold: 15, reason: null },
    ]);
    expect(report).toMatchObject({ since: SINCE.toISOString(), until: UNTIL.toISOString(), mode: 'paper', generated_at: UNTIL.toISOString() });
  });
});
