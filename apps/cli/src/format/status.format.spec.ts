import { KILL_SWITCH_NAMES } from '@polybot/domain';
import type { KillSwitchJson, StatusReport, VenueAccountJson } from '@polybot/intents';
import { formatStatus } from './status.format';

const idle = (name: string, threshold: number): KillSwitchJson => ({
  name, tripped: false, tripped_at: null, value: null, threshold, reason: null, cleared_at: null, cleared_by: null,
});

const NOT_READ: VenueAccountJson = {
  not_read: "paper mode: the venue account is not read, only the bot's own ledger",
  snapshot_at: null, snapshot_age_seconds: null, collateral: null, positions: [], open_orders: [], unavailable: [],
};

const STATUS: StatusReport = {
  mode: 'paper',
  services_mode: { configured: 'paper', running: 'paper', last_snapshot_at: '2026-11-27T05:59:58.000Z', warning: null },
  dry_run: true,
  places_real_orders: false,
  bankroll: 10000,
  bankroll_basis: { basis: 'configured', note: 'as configured by POLYBOT_PAPER_BANKROLL' },
  equity: 10010.65,
  cash: 9975.15,
  positions: [
    { token_id: 'm-1-yes', market_id: 'm-1', market: 'Will it rain in Paris tomorrow?', outcome: 'Yes', shares: 50, avg_price: 0.4, mark: 0.55, market_value: 27.5, cost_basis: 20, unrealized_pnl: 7.5, pnl_pct: 37.5 },
    { token_id: 'm-2-yes', market_id: 'm-2', market: null, outcome: 'No', shares: 20, avg_price: 0.45, mark: null, market_value: 9, cost_basis: 9, unrealized_pnl: 0, pnl_pct: 0 },
  ],
  realized_pnl: 4.5,
  unrealized_pnl: -1234.5,
  exposure: {
    total: { usd: 179, limit_usd: 2000 },
    by_market: [{ market_id: 'm-3', usd: 1150, limit_usd: 1000 }],
    by_category: [{ category: 'Politics', usd: 170, limit_usd: 1000 }],
  },
  venue_account: NOT_READ,
  intents: { PENDING: 1, APPROVED: 0, REJECTED: 0, EXPIRED: 0, EXECUTING: 0, EXECUTED: 1, FAILED: 0 },
  markets: { known: 3, newest_update: '2026-11-27T05:59:58.000Z', data_age_seconds: 2 },
  signals_last_hour: { proposed: 2, denied: 9, duplicate: 1, denied_by: [{ check: 'MIN_EDGE', count: 7 }, { check: 'MARKET_DATA_AGE', count: 3 }] },
  kill_switches: [
    idle('DRAWDOWN', 15),
    idle('DAILY_LOSS', 10),
    idle('API_ERRORS', 50),
    { ...idle('STALE_DATA', 60), tripped: true, tripped_at: '2026-11-27T05:55:00.000Z', value: 75, reason: 'newest market data is 75 s old' },
    idle('SPREAD_ANOMALY', 3),
  ],
  queues: { 'approved-intents': { waiting: 0, active: 0, delayed: 0, failed: 2 } },
  settings: {},
  generated_at: '2026-11-27T06:00:00.000Z',
};

describe('formatStatus', () => {
  it('shows the money, positions with P&L, exposure vs limits and every switch at a glance', () => {
    expect(formatStatus(STATUS)).toBe(
      [
        'Mode:           paper, dry run (no orders sent)',
        'Bankroll:       $10,000.00 (as configured by POLYBOT_PAPER_BANKROLL)',
        'Equity:         $10,010.65 (cash $9,975.15)',
        'P&L:            realized +$4.50, unrealized -$1,234.50',
        'Positions:      MARKET                           OUTCOME  SHARES    AVG    MARK   VALUE     P&L   P&L %',
        '                Will it rain in Paris tomorrow?  Yes       50.00  0.400   0.550  $27.50  +$7.50  +37.5%',
        '                m-2                              No        20.00  0.450  no bid   $9.00   $0.00    0.0%',
        'Exposure:       $179.00 of $2,000.00 total',
        '                category Politics: $170.00 of $1,000.00',
        '                market m-3: $1,150.00 of $1,000.00  OVER LIMIT',
        "Venue account:  paper mode: the venue account is not read, only the bot's own ledger",
        'Intents:        PENDING 1, EXECUTED 1',
        'Markets:        3 known; data age 2s',
        'Signals (1 h):  2 proposed, 9 denied, 1 already pending; denials failed MIN_EDGE 7, MARKET_DATA_AGE 3',
        'Kill switches:  DRAWDOWN        ok (threshold 15)',
        '                DAILY_LOSS      ok (threshold 10)',
        '                API_ERRORS      ok (threshold 50)',
        '                STALE_DATA      TRIPPED at 2026-11-27T05:55:00.000Z: newest market data is 75 s old',
        '                SPREAD_ANOMALY  ok (threshold 3)',
        'Queues:         approved-intents 0 waiting/0 active/2 failed',
      ].join('\n'),
    );
  });

  it('says so when nothing is held and Redis is down', () => {
    const text = formatStatus({
      ...STATUS,
      positions: [],
      signals_last_hour: { proposed: 0, denied: 0, duplicate: 0, denied_by: [] },
      queues: { error: 'queues unavailable: connect ECONNREFUSED' },
    });
    expect(text).toContain('Positions:      none\n');
    expect(text).toContain('Signals (1 h):  none\n');
    expect(text).toContain('Queues:         queues unavailable: connect ECONNREFUSED');
    expect(STATUS.kill_switches.map((s) => s.name)).toEqual([...KILL_SWITCH_NAMES]);
  });
  it('warns first, naming both modes and the fix, when the running services trade in the other mode', () => {
    const warning = 'the running services trade in live mode (account snapshot 8 s ago) but this is set to paper mode and reads the PAPER ledger: use --live or set POLYBOT_MODE=live';
    const lines = formatStatus({ ...STATUS, services_mode: { configured: 'paper', running: 'live', last_snapshot_at: '2026-11-27T05:59:52.000Z', warning } }).split('\n');
    expect(lines.slice(0, 2)).toEqual([`WARNING: ${warning}`, 'Mode:           paper, dry run (no orders sent)']);
  });

  it('shows the venue account after the ledger: pUSD, holdings, a short list of open orders, and what was unavailable', () => {
    const order = (n: number) => ({ id: `o${n}`, token_id: '71321045679252212594626385532706912750332728571942532289631379312455583992563', side: 'BUY', price: 0.42, original_size: 50, size_matched: n, status: 'LIVE' });
    const venue: VenueAccountJson = {
      not_read: null,
      snapshot_at: '2026-11-27T05:59:50.000Z',
      snapshot_age_seconds: 10,
      collateral: { balance: 1234.56, allowances: { '0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E': 1.157920892373162e71, '0xC5d563A36AE78145C45a50134d48A1215220f80a': 500 } },
      positions: [
        { token_id: '71321045679252212594626385532706912750332728571942532289631379312455583992563', condition_id: '0xc1', outcome: 'Yes', size: 100, avg_price: 0.4, current_value: 55, redeemable: false },
        { token_id: '52114319501245915516055106046884209969926127482827954674443846427813813222426', condition_id: '0xc2', outcome: 'No', size: 12.5, avg_price: 0.615, current_value: null, redeemable: true },
      ],
      open_orders: [1, 2, 3, 4, 5, 6, 7].map(order),
      unavailable: [],
    };
    const text = formatStatus({ ...STATUS, venue_account: venue });
    expect(text).toContain(
      [
        '                market m-3: $1,150.00 of $1,000.00  OVER LIMIT',
        'Venue account:  snapshot at 2026-11-27T05:59:50.000Z (10s old)',
        'Venue pUSD:     $1,234.56 balance; allowance unlimited for 0x4bFb…982E, $500.00 for 0xC5d5…f80a',
        'Venue holdings: TOKEN        OUTCOME            SIZE    AVG   VALUE',
        '                713210…2563  Yes              100.00  0.400  $55.00',
        '                521143…2426  No (redeemable)   12.50  0.615     n/a',
        'Venue orders:   7 open',
        '                SIDE  TOKEN        PRICE   SIZE  FILLED  STATUS',
        '                BUY   713210…2563  0.420  50.00    1.00  LIVE',
        '                BUY   713210…2563  0.420  50.00    2.00  LIVE',
        '                BUY   713210…2563  0.420  50.00    3.00  LIVE',
        '                BUY   713210…2563  0.420  50.00    4.00  LIVE',
        '                BUY   713210…2563  0.420  50.00    5.00  LIVE',
        '                … and 2 more',
        'Intents:        PENDING 1, EXECUTED 1',
      ].join('\n'),
    );

    const partial = formatStatus({
      ...STATUS,
      venue_account: {
        ...venue, collateral: null, positions: [], open_orders: [],
        unavailable: [
          { part: 'positions', reason: 'data GET /positions: HTTP 500' },
          { part: 'open_orders', reason: 'no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)' },
          { part: 'balances', reason: 'no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)' },
        ],
      },
    });
    expect(partial).toContain(
      [
        'Venue pUSD:     unavailable: no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)',
        'Venue holdings: unavailable: data GET /positions: HTTP 500',
        'Venue orders:   unavailable: no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)',
        'Intents:',
      ].join('\n'),
    );
    expect(formatStatus({ ...STATUS, venue_account: { ...venue, positions: [], open_orders: [] } })).toContain('Venue holdings: none\nVenue orders:   0 open\nIntents:');
  });
});
