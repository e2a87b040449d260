import fc from 'fast-check';
import { parseMarketFrame } from '../stream/market-message.wire';
import { zodParseEvent, zodRefusal } from '../testing/zod-wire.reference';
import { parseClobBook } from './clob-book.wire';
import { isParseIssue } from './parse-result';

/** Real-shaped market channel events, which the fuzzer then breaks field by field. */
const LEVEL = { asset_id: 'A1', price: '0.51', side: 'BUY', size: '150.0', hash: '0x1', best_bid: '0.51', best_ask: '0.52' };
const EVENTS: Record<string, unknown>[] = [
  { event_type: 'price_change', market: '0xc1', timestamp: '1703875201000', price_changes: [LEVEL, { ...LEVEL, asset_id: 'A2', side: 'sell', size: '0' }] },
  { event_type: 'price_change', market: '0xc1', timestamp: 1703875201000, ...LEVEL },
  { event_type: 'tick_size_change', asset_id: 'A1', market: '0xc1', old_tick_size: '0.01', new_tick_size: '0.001', timestamp: '1703875201000' },
  { event_type: 'market_resolved', market: '0xc1', assets_ids: ['A1', 'A2'], winning_asset_id: 'A1', winning_outcome: 'Yes', timestamp: '1703875201000' },
  {
    event_type: 'book', market: '0xc1', asset_id: 'A1', timestamp: '1703875200000', hash: '0xh', tick_size: '0.01', min_order_size: 5, neg_risk: false,
    bids: [{ price: '0.48', size: '500.0' }], asks: [{ price: '0.52', size: '150.0' }], last_trade_price: '',
  },
  { event_type: 'last_trade_price', asset_id: 'A1', price: '0.5' },
];

/** What a broken venue sends: wrong types, number-like strings, out-of-range numbers, nesting, nothing. */
const junk = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.constant(NaN), fc.constant(Infinity), fc.constant(-1), fc.constant(0), fc.constant(2), fc.constant(1.5),
  fc.constant('NaN'), fc.constant('-1'), fc.constant('0'), fc.constant('1'), fc.constant(1), fc.constant(''), fc.constant(' '), fc.constant('-0.5'), fc.constant('0.5'), fc.constant('1e3'), fc.constant('buy'), fc.constant('HOLD'),
  fc.constant('book'), fc.constant('price_change'), fc.constant([]), fc.constant(['']), fc.constant([{}]), fc.constant([LEVEL, 3]),
  fc.constant([{ ...LEVEL, price: 'x' }]), fc.constant([{ ...LEVEL, side: 7 }]), fc.constant(new Date(0)), fc.constant(new Map()),
  fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.object({ maxDepth: 1 }),
);

function broken(base: Record<string, unknown>) {
  const keys = [...Object.keys(base), 'price_changes', 'event_type'];
  return fc.dictionary(fc.constantFrom(...keys), junk, { minKeys: 0, maxKeys: 3 }).map((changes) => ({ ...base, ...changes }));
}

const brokenLevels = fc.array(broken(LEVEL), { maxLength: 3 });
const event = fc.oneof(
  ...EVENTS.map(broken),
  brokenLevels.map((price_changes) => ({ ...EVENTS[0], price_changes })),
  brokenLevels.map((levels) => ({ ...EVENTS[1], ...levels[0] })),
  fc.anything(), fc.record({ event_type: fc.constantFrom('price_change', 'book', 'tick_size_change', 'market_resolved') }));

const BOOK_CHECKS_AFTER_SCHEMA = /(timestamp \S+ is not epoch milliseconds|tick_size \S+ is not in \(0,1\)|crossed book .*)$/;

/** The hand-written guards accept and refuse exactly what the zod schemas did, naming the same field in the same words. */
describe('wire field guards vs the zod schemas they replaced (5,000 cases)', () => {
  it('market channel events: same events, same issue lines', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(event, (raw) => {
        const text = JSON.stringify([raw]) ?? '[]';
        const item: unknown = (JSON.parse(text) as unknown[])[0];
        const frame = parseMarketFrame(text);
        const expected = zodParseEvent(item, 'market channel event #0');
        if ('issue' in expected) {
          seen.refused += 1;
          expect(frame.issues).toEqual([expected.issue]);
          expect(frame.events).toEqual([]);
        } else if ('event' in expected) {
          seen.accepted += 1;
          expect(frame.issues).toEqual([]);
          expect(frame.events).toEqual([expected.event]);
        } else if (frame.events.length === 0) {
          expect(frame.issues).toHaveLength(1);
          expect(frame.issues[0]).toMatch(BOOK_CHECKS_AFTER_SCHEMA);
        }
      }),
      { numRuns: 4000, seed: 6 },
    );
    expect(seen.accepted).toBeGreaterThan(300);
    expect(seen.refused).toBeGreaterThan(300);
  });

  it('CLOB books (REST, any JavaScript value): same refusals in the same words', () => {
    fc.assert(
      fc.property(fc.oneof(broken(EVENTS[4]), junk), (raw) => {
        const result = parseClobBook(raw, 3);
        const refusal = zodRefusal('clobBook', raw);
        if (refusal !== null) {
          expect(result).toEqual({ issue: expect.stringMatching(/^clob book .+: /) as string });
          expect(isParseIssue(result) && result.issue.endsWith(`: ${refusal}`)).toBe(true);
        } else if (isParseIssue(result)) {
          expect(result.issue).toMatch(BOOK_CHECKS_AFTER_SCHEMA);
        }
      }),
      { numRuns: 1000, seed: 6 },
    );
  });
});
