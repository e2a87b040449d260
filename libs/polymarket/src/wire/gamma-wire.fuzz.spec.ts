import fc from 'fast-check';
import { gammaEventWire, gammaMarketWire, gammaTagWire } from '../testing/venue-payloads';
import { zodParseGammaEvent, zodParseGammaMarket } from '../testing/zod-gamma.reference';
import { parseGammaEvent } from './gamma-event.wire';
import { parseGammaMarket } from './gamma-market.wire';
import { isParseIssue, type ParseResult } from './parse-result';

type Json = Record<string, unknown>;

/** Values a broken Gamma sends in place of a field: wrong types, blank and non-finite strings, bad JSON-in-strings. */
const junk = fc.oneof(
  fc.constantFrom<unknown>(
    undefined, null, NaN, Infinity, -Infinity, 0, -0, -1, 1, 1.5, 0.01, '', ' ', 'NaN', 'Infinity', '1e400', '-0.5', '0.001', '0x10', '7',
    '[not json', '["only one"]', '["", "2"]', '[1, 2]', '{"Yes":1}', '"Yes"', '[]', '["x", "0.5"]', '["0.4", " "]', 'null', true, false,
    [], [''], ['a', 'b'], [1, 2], [{}], {}, { rate: 'x', exponent: 1 }, { rate: 0.07, exponent: 1, takerOnly: 'no' }, new Date(0), new Map(), BigInt(3),
  ),
  fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.object({ maxDepth: 1 }),
);

const tag = fc.oneof(
  fc.tuple(fc.oneof(fc.string({ maxLength: 4 }), fc.integer().map(String)), fc.string({ maxLength: 8 })).map(([id, label]) => gammaTagWire(id, label)),
  fc.record({ id: junk, label: junk, slug: junk }, { requiredKeys: [] }),
  junk,
);
const tags = fc.oneof(fc.array(tag, { maxLength: 3 }), junk);

function breakFields(base: Json, keys: readonly string[], maxKeys: number) {
  return fc.dictionary(fc.constantFrom(...keys), junk, { minKeys: 0, maxKeys }).map((broken) => ({ ...base, ...broken }));
}

const EVENT_REF = { id: '260654', slug: 'btc-updown', title: 'BTC Up or Down', negRisk: false, tags: [gammaTagWire('21', 'Crypto')] };
const eventRef = fc.oneof(
  fc.tuple(breakFields(EVENT_REF, Object.keys(EVENT_REF), 2), tags).map(([ref, refTags]) => ({ ...ref, tags: refTags })),
  junk,
);

/** Plausible markets: ids, outcomes, prices and tokens vary; optional fields are sometimes absent or null. */
const validMarket = fc
  .record({
    id: fc.oneof(fc.integer({ min: 1, max: 9_999_999 }).map(String), fc.integer({ min: 0 })),
    outcomes: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
    price: fc.double({ min: 0, max: 1, noNaN: true }).map(String),
    nulls: fc.subarray(['question', 'slug', 'endDate', 'outcomePrices', 'liquidityNum', 'volume24hr', 'negRisk', 'orderPriceMinTickSize', 'feeSchedule', 'category', 'feesEnabled']),
    absent: fc.subarray(['liquidityNum', 'liquidity', 'events', 'tags', 'umaResolutionStatus', 'acceptingOrders']),
    events: fc.array(eventRef, { maxLength: 2 }),
    tags,
    realArrays: fc.boolean(),
  })
  .map(({ id, outcomes, price, nulls, absent, events, tags: marketTags, realArrays }) => {
    const tokenIds = outcomes.map((_, i) => `${String(id)}00${i}`);
    const encode = (values: string[]) => (realArrays ? values : JSON.stringify(values));
    const wire: Json = {
      ...gammaMarketWire({ id: String(id) }, { id, events, tags: marketTags, umaResolutionStatus: 'resolved', category: 'Crypto' }),
      outcomes: encode(outcomes),
      outcomePrices: encode(outcomes.map(() => price)),
      clobTokenIds: encode(tokenIds),
    };
    for (const key of nulls) wire[key] = null;
    for (const key of absent) delete wire[key];
    return wire;
  });

const MARKET_KEYS = [...Object.keys(gammaMarketWire({ id: '1' })), 'tags', 'events', 'umaResolutionStatus', 'question', 'conditionId'];
const feeScheduleBroken = breakFields({ rate: 0.07, exponent: 1, takerOnly: true }, ['rate', 'exponent', 'takerOnly'], 2);
const market = fc.oneof(
  { weight: 2, arbitrary: validMarket },
  { weight: 5, arbitrary: validMarket.chain((wire) => breakFields(wire, MARKET_KEYS, 1)) },
  { weight: 2, arbitrary: validMarket.chain((wire) => breakFields(wire, MARKET_KEYS, 3)) },
  { weight: 1, arbitrary: fc.tuple(validMarket, feeScheduleBroken).map(([wire, feeSchedule]) => ({ ...wire, feeSchedule })) },
  { weight: 1, arbitrary: junk },
);

/** Markets as the wire helper embeds them: junk among them on purpose. */
const markets = (maxLength: number) => fc.array(market, { maxLength }).map((items) => items as Json[]);

const event = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(markets(3), tags).map(([eventMarkets, eventTags]) => gammaEventWire('30829', eventMarkets, { tags: eventTags })) },
  {
    weight: 4,
    arbitrary: markets(2).chain((eventMarkets) => breakFields(gammaEventWire('7', eventMarkets), ['id', 'slug', 'title', 'negRisk', 'tags', 'markets'], 2)),
  },
  { weight: 1, arbitrary: fc.anything() },
);

type Reader<T> = (raw: unknown, index: number) => ParseResult<T>;

interface Seen {
  accepted: number;
  refused: number;
  warned: number;
}

/** Runs both readers on every generated input, requires the same result, and counts the outcomes. */
function agree<T>(inputs: fc.Arbitrary<unknown>, guards: Reader<T>, zod: Reader<T>, run: { numRuns: number; seed: number }): Seen {
  const seen: Seen = { accepted: 0, refused: 0, warned: 0 };
  fc.assert(
    fc.property(inputs, fc.nat(9), (raw, index) => {
      const result = guards(raw, index);
      expect(result).toStrictEqual(zod(raw, index));
      if (isParseIssue(result)) seen.refused += 1;
      else {
        seen.accepted += 1;
        if (result.warnings.length > 0) seen.warned += 1;
      }
    }),
    run,
  );
  return seen;
}

/** The guards must read every Gamma market and event as the zod schemas did: same value, same refusal, same warnings, word for word. */
describe('Gamma field guards vs the zod schemas they replaced', () => {
  it('markets (2,000 cases): same value, issue and warnings', () => {
    const seen = agree(market, parseGammaMarket, zodParseGammaMarket, { numRuns: 2000, seed: 11 });
    expect(seen.accepted).toBeGreaterThan(300);
    expect(seen.refused).toBeGreaterThan(600);
    expect(seen.warned).toBeGreaterThan(150);
  });

  it('events (600 cases, each with its markets): same value, issue and warnings', () => {
    const seen = agree(event, parseGammaEvent, zodParseGammaEvent, { numRuns: 600, seed: 12 });
    expect(seen.accepted).toBeGreaterThan(150);
    expect(seen.refused).toBeGreaterThan(100);
    expect(seen.warned).toBeGreaterThan(100);
  });
});
