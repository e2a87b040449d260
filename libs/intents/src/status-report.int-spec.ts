import { randomBytes } from 'node:crypto';
import { loadSettings } from '@polybot/config';
import { KILL_SWITCH_NAMES } from '@polybot/domain';
import { createLogger } from '@polybot/observability';
import {
  AccountSnapshotRepository, createTestDatabase, ExecutionRepository, FillRepository, IntentRepository, KillSwitchRepository, MarketRepository,
  SignalRepository, type SignalRecord, type TestDatabase,
} from '@polybot/persistence';
import { PortfolioService } from '@polybot/portfolio';
import { createQueueHandles, testMarket, type QueueHandles } from '@polybot/runtime';
import { buildStatusReport, type StatusReport } from './status-report';
import { seedIntent, tradeFill } from './test/report-seed.fixture';

const NOW = new Date('2026-11-27T06:00:00.000Z');
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000);

const check = (name: string, ok: boolean) => ({ name, passed: ok, value: 1, limit: 2, message: `${name} ${ok ? 'ok' : 'failed'}` });
const failed = (name: string) => check(name, false);
const passed = (name: string) => check(name, true);
const signalAt = (when: Date, decision: SignalRecord['decision'], checks: SignalRecord['checks']): SignalRecord => ({
  signal: {
    strategy: 'test', marketId: 'm-1', conditionId: 'c-m-1', tokenId: 'm-1-yes', outcome: 'Yes', side: 'BUY',
    modelProb: 0.6, marketPrice: 0.5, edge: 0.1, confidence: 0.9, reason: 'test',
  },
  cycleId: 'c1',
  decision,
  checks,
  at: when,
});

describe('buildStatusReport (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let handles: QueueHandles;
  let report: StatusReport;

  beforeAll(async () => {
    db = await createTestDatabase();
    const settings = loadSettings(
      { POLYBOT_DATABASE_URL: db.url, POLYBOT_MODE: 'paper', POLYBOT_QUEUE_PREFIX: `polybot-test-status-${randomBytes(4).toString('hex')}` },
      { envFile: false },
    );
    handles = createQueueHandles(settings, createLogger({ service: 'test', level: 'silent' }));
    const intents = new IntentRepository(db.dataSource);
    const fills = new FillRepository(db.dataSource);
    const markets = new MarketRepository(db.dataSource);
    const killSwitches = new KillSwitchRepository(db.dataSource);
    await markets.upsertMany([
      testMarket('m-1', { yesBid: 0.55, yesAsk: 0.57, category: 'Politics' }),
      testMarket('m-2', { yesBid: 0.4, yesAsk: 0.42, category: 'Sports' }),
      testMarket('m-3', { category: 'Politics' }),
    ]);
    const bought = await seedIntent(intents, at(120));
    for (const command of ['Approve', 'StartExecution', 'CompleteExecution'] as const) await intents.transition(bought.id, command, { now: at(110), actor: 'test' });
    // A pending proposal adds its size to the exposure of its market and category.
    await seedIntent(intents, at(1), { marketId: 'm-3', sizeUsd: 150 });
    await fills.recordMany('PAPER', [
      tradeFill(bought.id, 'm-1', 'BUY', 100, 0.4, 0.5, at(100), 'Politics'),
      tradeFill(bought.id, 'm-2', 'BUY', 20, 0.45, 0.1, at(90), 'Sports'),
      tradeFill(bought.id, 'm-1', 'SELL', 50, 0.5, 0.25, at(30), 'Politics'),
    ]);
    await killSwitches.trip('STALE_DATA', 75, 60, 'newest market data is 75 s old', 'risk', at(5));
    const accounts = new AccountSnapshotRepository(db.dataSource);
    // The risk service of services started with `polyb0t run --live`, 8 s ago; this status is set to paper.
    await accounts.record({
      takenAt: at(0.5), mode: 'paper', bankroll: 10_000, cash: 10_000, equity: 10_000, positions: [], openOrders: [], balances: {}, unavailable: [],
    });
    await accounts.record({
      takenAt: new Date(NOW.getTime() - 8000), mode: 'live', bankroll: 10_000, cash: 10_000, equity: 10_000,
      positions: [{ tokenId: 'w-1', conditionId: '0xc-w', outcome: 'No', outcomeIndex: 1, size: 40, avgPrice: 0.3, currentValue: 14, redeemable: false, negativeRisk: false }],
      openOrders: [{ id: '0xo1', status: 'LIVE', tokenId: 'w-1', side: 'SELL', originalSize: 40, sizeMatched: 0, price: 0.36 }],
      balances: { collateral: { balance: 250.5, allowances: { '0xExchange': 1e71 } } },
      unavailable: [],
    });
    const portfolio = new PortfolioService({ fills, intents, markets, executions: new ExecutionRepository(db.dataSource), accounts, settings });
    const signals = new SignalRepository(db.dataSource);
    await signals.recordMany([
      signalAt(at(10), 'PROPOSED', []),
      signalAt(at(20), 'DENIED', [failed('MIN_EDGE'), failed('MARKET_DATA_AGE')]),
      signalAt(at(30), 'DENIED', [passed('MIN_EDGE'), failed('MARKET_DATA_AGE')]),
      signalAt(at(40), 'DUPLICATE', []),
      // Older than an hour: left out.
      signalAt(at(61), 'DENIED', [failed('MIN_EDGE')]),
    ]);
    report = await buildStatusReport({ settings, intents, markets, signals, killSwitches, accounts, portfolio, queue: handles.queue, now: NOW });
  });
  afterAll(async () => {
    await handles?.close();
    await db?.drop();
  });

  it('gives equity, cash and P&L from the paper ledger marked at the best bids', () => {
    // Cash 10000 - 40.50 - 9.10 + 24.75; positions 50 x 0.55 + 20 x 0.40.
    expect(report).toMatchObject({ bankroll: 10000, bankroll_basis: { basis: 'configured' }, cash: 9975.15, equity: 10010.65, realized_pnl: 4.5, unrealized_pnl: 6.5 });
  });

  it('lists each position with its mark and P&L, largest value first', () => {
    expect(report.positions).toEqual([
      {
        token_id: 'm-1-yes', market_id: 'm-1', market: 'Will m-1 happen?', outcome: 'Yes', shares: 50, avg_price: 0.4, mark: 0.55,
        market_value: 27.5, cost_basis: 20, unrealized_pnl: 7.5, pnl_pct: 37.5,
      },
      {
        token_id: 'm-2-yes', market_id: 'm-2', market: 'Will m-2 happen?', outcome: 'Yes', shares: 20, avg_price: 0.45, mark: 0.4,
        market_value: 8, cost_basis: 9, unrealized_pnl: -1, pnl_pct: -11.11,
      },
    ]);
  });

  it('warns that the running services trade live while this status reads the paper ledger, and how to fix it', () => {
    expect(report.mode).toBe('paper');
    expect(report.services_mode).toEqual({
      configured: 'paper',
      running: 'live',
      last_snapshot_at: new Date(NOW.getTime() - 8000).toISOString(),
      warning: 'the running services trade in live mode (account snapshot 8 s ago) but this is set to paper mode and reads the PAPER ledger: use --live or set POLYBOT_MODE=live',
    });
  });

  it('shows the venue account of the latest snapshot beside the ledger: pUSD, the wallet\'s positions and open orders', () => {
    expect(report.venue_account).toEqual({
      not_read: null,
      snapshot_at: new Date(NOW.getTime() - 8000).toISOString(),
      snapshot_age_seconds: 8,
      collateral: { balance: 250.5, allowances: { '0xExchange': 1e71 } },
      positions: [{ token_id: 'w-1', condition_id: '0xc-w', outcome: 'No', size: 40, avg_price: 0.3, current_value: 14, redeemable: false }],
      open_orders: [{ id: '0xo1', token_id: 'w-1', side: 'SELL', price: 0.36, original_size: 40, size_matched: 0, status: 'LIVE' }],
      unavailable: [],
    });
  });

  it('sets exposure (positions at cost plus open intents) against the configured limits', () => {
    expect(report.exposure).toEqual({
      total: { usd: 179, limit_usd: 2000 },
      by_market: [
        { market_id: 'm-3', usd: 150, limit_usd: 1000 },
        { market_id: 'm-1', usd: 20, limit_usd: 1000 },
        { market_id: 'm-2', usd: 9, limit_usd: 1000 },
      ],
      by_category: [
        { category: 'Politics', usd: 170, limit_usd: 1000 },
        { category: 'Sports', usd: 9, limit_usd: 1000 },
      ],
    });
  });

  it('shows every kill switch, tripped or never stored', () => {
    expect(report.kill_switches.map((s) => [s.name, s.tripped])).toEqual(KILL_SWITCH_NAMES.map((name) => [name, name === 'STALE_DATA']));
    expect(report.kill_switches.find((s) => s.name === 'STALE_DATA')).toEqual({
      name: 'STALE_DATA', tripped: true, tripped_at: at(5).toISOString(), value: 75, threshold: 60, reason: 'newest market data is 75 s old',
      cleared_at: null, cleared_by: null,
    });
    expect(report.kill_switches.find((s) => s.name === 'DRAWDOWN')).toMatchObject({ tripped: false, threshold: 15, value: null });
  });

  it('counts the last hour\'s signals by decision and the checks their denials failed, most first', () => {
    expect(report.signals_last_hour).toEqual({
      proposed: 1, denied: 2, duplicate: 1,
      denied_by: [{ check: 'MARKET_DATA_AGE', count: 2 }, { check: 'MIN_EDGE', count: 1 }],
    });
  });

  it('keeps the intents, markets and queue parts', () => {
    expect(report.intents).toMatchObject({ PENDING: 1, EXECUTED: 1 });
    expect(report.markets.known).toBe(3);
    expect(report.queues).toMatchObject({ 'approved-intents': { waiting: 0, active: 0 } });
    expect(report.generated_at).toBe(NOW.toISOString());
  });
});
