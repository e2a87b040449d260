import { GammaClient } from './gamma.client';
import { VenueHttp } from './http/venue-http';
import { type FakeVenue, MemoryVenueCallRecorder, startFakeVenue } from './testing/fake-venue.server';
import { gammaMarketWire } from './testing/venue-payloads';
import { fetchWatchedMarkets, WATCHED_CONDITIONS_PER_REQUEST } from './watched-markets.fetcher';
import { parseGammaMarket } from './wire/gamma-market.wire';
import { isParseIssue } from './wire/parse-result';
import type { GammaMarket } from './gamma.types';

const condition = (id: string): string => `0x${id.padStart(64, '0')}`;

function decoded(wire: Record<string, unknown>): GammaMarket {
  const result = parseGammaMarket(wire);
  if (isParseIssue(result)) throw new Error(result.issue);
  return result.value;
}

/**
 * A Gamma that, like the real one may, only shows closed markets when asked with closed=true,
 * and (when `ignoreFilter`) answers condition_ids with its whole catalogue.
 */
describe('fetchWatchedMarkets over real HTTP (hand-written Gamma)', () => {
  let venue: FakeVenue;
  let http: VenueHttp;
  let gamma: GammaClient;
  let ignoreFilter = false;
  const rawQueries: string[] = [];
  const catalogue = [
    gammaMarketWire({ id: '1' }),
    gammaMarketWire({ id: '2', prices: ['1', '0'] }, { closed: true, acceptingOrders: false, umaResolutionStatus: 'resolved' }),
    gammaMarketWire({ id: '3' }),
    ...Array.from({ length: 60 }, (_, i) => gammaMarketWire({ id: String(100 + i) })),
  ];

  beforeAll(async () => {
    venue = await startFakeVenue((app) => {
      app.get('/gamma/markets', (req, res) => {
        const url = new URL(req.originalUrl, 'http://x');
        rawQueries.push(url.search);
        const ids = url.searchParams.getAll('condition_ids');
        const closed = url.searchParams.get('closed') === 'true';
        const offset = Number(url.searchParams.get('offset'));
        const matching = catalogue.filter((m) => (ignoreFilter || ids.includes(String(m['conditionId']))) && m['closed'] === closed);
        res.json(matching.slice(offset, offset + Number(url.searchParams.get('limit'))));
      });
    });
    http = new VenueHttp({ timeoutMs: 2_000, maxRetries: 0, recorder: new MemoryVenueCallRecorder() });
    gamma = new GammaClient({ baseUrl: `${venue.url}/gamma`, http, pageSize: 100 });
  });

  afterAll(async () => {
    await http.close();
    await venue.close();
  });

  beforeEach(() => {
    rawQueries.length = 0;
    ignoreFilter = false;
  });

  it('asks only for conditions not already open, as repeated condition_ids, and asks again with closed=true for the rest', async () => {
    const open = [decoded(catalogue[0]!)];
    const result = await fetchWatchedMarkets(gamma, open, [condition('1'), condition('2'), condition('3'), condition('2'), ' ']);
    expect(result.issues).toEqual([]);
    expect(result.markets.map((m) => [m.id, m.closed, m.umaResolutionStatus, m.outcomePrices])).toEqual([
      ['3', false, null, [0.505, 0.495]],
      ['2', true, 'resolved', [1, 0]],
    ]);
    expect(rawQueries).toHaveLength(2);
    const first = new URLSearchParams(rawQueries[0]);
    expect(first.getAll('condition_ids')).toEqual([condition('2'), condition('3')]);
    expect(first.has('closed')).toBe(false);
    expect(first.has('active')).toBe(false);
    const second = new URLSearchParams(rawQueries[1]);
    expect(second.getAll('condition_ids')).toEqual([condition('2')]);
    expect(second.get('closed')).toBe('true');
  });

  it('makes no request when nothing is watched or everything watched is open', async () => {
    expect(await fetchWatchedMarkets(gamma, [], [])).toEqual({ markets: [], issues: [] });
    expect(await fetchWatchedMarkets(gamma, [decoded(catalogue[0]!)], [condition('1')])).toEqual({ markets: [], issues: [] });
    expect(rawQueries).toEqual([]);
  });

  it('names watched conditions Gamma does not know', async () => {
    const result = await fetchWatchedMarkets(gamma, [], [condition('3'), '0xgone1', '0xgone2']);
    expect(result.markets.map((m) => m.id)).toEqual(['3']);
    expect(result.issues).toEqual(['gamma GET /markets: no market for 2 watched condition(s): 0xgone1, 0xgone2']);
  });

  it(`splits many conditions into requests of ${WATCHED_CONDITIONS_PER_REQUEST}`, async () => {
    const ids = Array.from({ length: 60 }, (_, i) => condition(String(100 + i)));
    const result = await fetchWatchedMarkets(gamma, [], ids);
    expect(result.issues).toEqual([]);
    expect(result.markets).toHaveLength(60);
    expect(rawQueries.map((q) => new URLSearchParams(q).getAll('condition_ids').length)).toEqual([50, 10]);
  });

  it('takes no unasked-for market and pages no further when the venue ignores the filter, and says so', async () => {
    ignoreFilter = true;
    const result = await fetchWatchedMarkets(gamma, [], [condition('3')]);
    expect(result.markets).toEqual([]);
    expect(result.issues).toEqual([`gamma GET /markets: no market for 1 watched condition(s): ${condition('3')}`]);
    // One page per attempt (open-or-any, then closed=true), never the whole catalogue.
    expect(rawQueries).toHaveLength(2);
  });
});
