import type { UniverseReport } from '@polybot/intents';
import { formatUniverse } from './universe.format';

const REPORT: UniverseReport = {
  filters: { min_liquidity_usd: 1000, min_volume_24h_usd: 500, max_spread: 0.05, min_hours_to_resolution: 24, max_days_to_resolution: 90, require_order_book: true, require_accepting_orders: true },
  total: 5,
  tradable: 2,
  excluded_by: { ACTIVE: 0, ORDER_BOOK_ENABLED: 0, ACCEPTING_ORDERS: 0, MIN_LIQUIDITY: 2, MIN_VOLUME_24H: 1, MAX_SPREAD: 1, TIME_TO_RESOLUTION: 0 },
  top_markets: [
    { market_id: '512345', question: 'Will the Fed cut rates in December 2026 after the November jobs report?', category: 'Economy', liquidity_usd: 812345.5, volume_24h_usd: 120000, widest_spread: 0.01, end_date: '2026-12-17T00:00:00Z' },
    { market_id: '6', question: 'Rain in Paris?', category: null, liquidity_usd: 1500, volume_24h_usd: 700, widest_spread: null, end_date: null },
  ],
  newest_update: '2026-11-27T05:59:58.000Z',
  generated_at: '2026-11-27T06:00:00.000Z',
};

describe('formatUniverse', () => {
  it('shows the totals, each filter\'s exclusions and the most liquid tradable markets', () => {
    expect(formatUniverse(REPORT)).toBe(
      [
        'Markets:        2 tradable of 5 open stored (newest data 2026-11-27T05:59:58.000Z)',
        'Filters:        liquidity >= $1,000.00, 24h volume >= $500.00, spread <= 0.05, resolves in 24 h to 90 days, order book on, accepting orders',
        'Excluded by:    ACTIVE              0',
        '                ORDER_BOOK_ENABLED  0',
        '                ACCEPTING_ORDERS    0',
        '                MIN_LIQUIDITY       2',
        '                MIN_VOLUME_24H      1',
        '                MAX_SPREAD          1',
        '                TIME_TO_RESOLUTION  0',
        '',
        'Top 2 tradable by liquidity:',
        'MARKET  QUESTION                                              LIQUIDITY   VOLUME 24H  SPREAD  ENDS',
        '512345  Will the Fed cut rates in December 2026 after the…  $812,345.50  $120,000.00   0.010  2026-12-17',
        '6       Rain in Paris?                                        $1,500.00      $700.00       -  -',
      ].join('\n'),
    );
  });

  it('says when there is no data or nothing tradable', () => {
    const empty = formatUniverse({ ...REPORT, total: 0, tradable: 0, top_markets: [], newest_update: null });
    expect(empty.split('\n')[0]).toBe('Markets:        0 tradable of 0 open stored (no market data yet: is the ingestor running?)');
    expect(empty.split('\n').at(-1)).toBe('Top markets:    none tradable');
  });
});
