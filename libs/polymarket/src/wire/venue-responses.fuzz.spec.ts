import fc from 'fast-check';
import { parseClobBook } from './clob-book.wire';
import { parseGammaEvent } from './gamma-event.wire';
import { parseGammaMarket } from './gamma-market.wire';
import { isParseIssue, type ParseResult } from './parse-result';

/** A real-shaped Gamma market and CLOB book, which the fuzzer then breaks field by field. */
const MARKET = {
  id: '3047949', question: 'Will it?', conditionId: `0x${'a'.repeat(64)}`, slug: 'will-it', endDate: '2026-12-24T00:00:00Z',
  outcomes: '["Yes", "No"]', outcomePrices: '["0.4", "0.6"]', clobTokenIds: '["111", "222"]', volume: '100.5', volumeNum: 100.5,
  liquidity: '2000', liquidityNum: 2000, volume24hr: 80, active: true, closed: false, acceptingOrders: true, enableOrderBook: true,
  bestBid: 0.39, bestAsk: 0.41, spread: 0.02, negRisk: false, orderPriceMinTickSize: 0.01, orderMinSize: 5,
};
const BOOK = {
  market: `0x${'a'.repeat(64)}`, asset_id: '111', timestamp: '1728799418260', hash: 'h',
  bids: [{ price: '0.38', size: '100' }, { price: '0.39', size: '50' }], asks: [{ price: '0.42', size: '80' }, { price: '0.41', size: '40' }],
  min_order_size: '5', tick_size: '0.01', neg_risk: false, last_trade_price: '0.40',
};

/** Values a broken venue sends: wrong types, NaN-ish strings, out-of-range numbers, nesting, nothing. */
const junk = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.constant(NaN), fc.constant(Infinity), fc.constant(-1), fc.constant(2),
  fc.constant('NaN'), fc.constant(''), fc.constant('-0.5'), fc.constant('1.5'), fc.constant('[not json'), fc.constant('["only one"]'),
  fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.object({ maxDepth: 1 }),
);

function breakFields(base: Record<string, unknown>) {
  const keys = Object.keys(base);
  return fc.dictionary(fc.constantFrom(...keys), junk, { minKeys: 1, maxKeys: 4 }).map((broken) => ({ ...base, ...broken }));
}

function neverThrows<T>(result: () => ParseResult<T>): ParseResult<T> {
  try {
    return result();
  } catch (error) {
    throw new Error(`the parser threw instead of reporting: ${String(error)}`);
  }
}

/** Every refusal is a message that names what was wrong; every acceptance is a sane value. */
describe('venue responses, generated bad input (1,500 cases)', () => {
  it('Gamma markets: broken fields are reported by name, never thrown, never accepted as NaN', () => {
    fc.assert(
      fc.property(breakFields(MARKET), (raw) => {
        const result = neverThrows(() => parseGammaMarket(raw, 0));
        if (isParseIssue(result)) {
          expect(result.issue).toMatch(/^gamma market .+: .+/);
          return;
        }
        for (const token of result.value.tokens) expect(token.tokenId).toMatch(/\S/);
        expect(Number.isFinite(result.value.liquidityNum)).toBe(true);
      }),
      { numRuns: 600, seed: 42 },
    );
  });

  it('CLOB books: bad levels and crossed books never reach the domain', () => {
    const level = fc.record({ price: junk, size: junk });
    const brokenBook = fc.oneof(
      breakFields(BOOK),
      fc.record({ bids: fc.array(level, { maxLength: 4 }), asks: fc.array(level, { maxLength: 4 }) }).map((sides) => ({ ...BOOK, ...sides })),
    );
    fc.assert(
      fc.property(brokenBook, (raw) => {
        const result = neverThrows(() => parseClobBook(raw, 0));
        if (isParseIssue(result)) {
          expect(result.issue).toMatch(/book/);
          return;
        }
        const { bids, asks } = result.value;
        for (const l of [...bids, ...asks]) {
          expect(l.price > 0 && l.price < 1).toBe(true);
          expect(l.size > 0 && Number.isFinite(l.size)).toBe(true);
        }
        if (bids.length && asks.length) expect(bids[0].price).toBeLessThan(asks[0].price);
      }),
      { numRuns: 600, seed: 7 },
    );
  });

  it('Gamma events: anything at all is reported, never thrown', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), breakFields({ id: '1', slug: 's', title: 't', negRisk: true, markets: [MARKET], tags: [] })), (raw) => {
        const result = neverThrows(() => parseGammaEvent(raw, 0));
        if (isParseIssue(result)) expect(result.issue.length).toBeGreaterThan(10);
      }),
      { numRuns: 300, seed: 99 },
    );
  });
});
