import { emptyQuote, type EventSnapshot, type MarketSnapshot } from '@polybot/domain';
import { StreamCatalogue } from './stream-catalogue';
import { withStreamResolutions } from './live-event.snapshot';

const quote = (tokenId: string, outcome: string) => ({
  tokenId, outcome, bestBid: 0.4, bestAsk: 0.42, mid: 0.41, spread: 0.020000000000000018, bidDepthUsd: 40.5, askDepthUsd: 42, bookTimestamp: 1_764_000_000_123,
});

const market = (id: string, eventId: string, overrides: Partial<MarketSnapshot> = {}): MarketSnapshot => ({
  marketId: id, conditionId: `0x${id}`, question: `Q ${id}?`, slug: id, eventId, eventSlug: eventId.toLowerCase(), negRisk: false, endDate: '2026-12-31T00:00:00Z',
  category: 'Politics', tags: ['Politics', 'Elections'], active: true, closed: false, acceptingOrders: true, enableOrderBook: true, liquidityUsd: 5_000.25,
  volume24hUsd: 0, tickSize: 0.001, minOrderSize: 5, feeSchedule: { rate: 0.02, exponent: 2, takerOnly: true },
  tokens: [quote(`${id}-yes`, 'Yes'), emptyQuote(`${id}-no`, 'No')], fetchedAt: '2026-01-01T00:00:00.000Z', umaResolutionStatus: null, outcomePrices: [0.41, 0.59],
  ...overrides,
});

const event = (eventId: string, markets: MarketSnapshot[]): EventSnapshot => ({ eventId, slug: null, title: `Event ${eventId}`, negRisk: markets.length > 2, markets });

describe('StreamCatalogue', () => {
  it('gives back every event exactly as taken, whatever its shapes (quotes with and without a book, no fee schedule, resolved)', () => {
    const catalogue = new StreamCatalogue();
    const resolved = withStreamResolutions(event('E3', [market('m4', 'E3')]), { resolution: () => ({ winningAssetId: 'm4-no' }) });
    const events = [
      event('E1', [market('m1', 'E1'), market('m2', 'E1', { feeSchedule: null, category: null, tags: [], endDate: null })]),
      event('E2', [market('m3', 'E2', { active: false, enableOrderBook: false, umaResolutionStatus: 'proposed', outcomePrices: null })]),
      resolved,
    ];
    catalogue.take(events);

    expect(catalogue.size).toBe(3);
    for (const taken of events) expect(catalogue.event(taken.eventId)).toStrictEqual(taken);
    expect(catalogue.event('E9')).toBeUndefined();
  });

  it('finds each event by its tokens, and replaces an event\'s earlier version with its tokens and markets', () => {
    const catalogue = new StreamCatalogue();
    expect(catalogue.take([event('E1', [market('m1', 'E1'), market('m2', 'E1')])])).toEqual([]);
    expect(catalogue.eventOf('m2-no')).toBe('E1');

    // The next cycle lists E1 without m2: m2's tokens no longer lead to it, and m2 is among the replaced.
    const next = event('E1', [market('m1', 'E1', { liquidityUsd: 1 })]);
    expect(catalogue.take([next]).sort()).toEqual(['0xm1', '0xm2']);
    expect(catalogue.event('E1')).toStrictEqual(next);
    expect(catalogue.eventOf('m1-yes')).toBe('E1');
    expect(catalogue.eventOf('m2-no')).toBeUndefined();
  });

  it('keeps only the events a cycle took, and follows the tokens of tradable markets alone', () => {
    const catalogue = new StreamCatalogue();
    catalogue.take([
      event('E1', [market('m1', 'E1'), market('m2', 'E1', { closed: true })]),
      event('E2', [market('m3', 'E2')]),
      event('E3', [market('m4', 'E3', { enableOrderBook: false })]),
    ]);
    expect(catalogue.tradableTokenIds()).toEqual(['m1-yes', 'm1-no', 'm3-yes', 'm3-no']);

    expect(catalogue.keepOnly(new Set(['E1', 'E3']))).toEqual(['0xm3']);
    expect(catalogue.size).toBe(2);
    expect(catalogue.event('E2')).toBeUndefined();
    expect(catalogue.eventOf('m3-yes')).toBeUndefined();
    expect(catalogue.eventOf('m2-yes')).toBe('E1');
    expect(catalogue.tradableTokenIds()).toEqual(['m1-yes', 'm1-no']);
  });

  it('packs many events in one buffer, each read back on its own', () => {
    const catalogue = new StreamCatalogue();
    const events = Array.from({ length: 500 }, (_, i) => event(`E${i}`, [market(`m${i}a`, `E${i}`), market(`m${i}b`, `E${i}`, { tickSize: i / 1000 })]));
    catalogue.take(events);
    expect(catalogue.event('E0')).toStrictEqual(events[0]);
    expect(catalogue.event('E257')).toStrictEqual(events[257]);
    expect(catalogue.event('E499')).toStrictEqual(events[499]);
  });
});
