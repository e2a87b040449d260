import { gammaMarketWire, gammaTagWire } from '../testing/venue-payloads';
import { parseGammaMarket } from './gamma-market.wire';
import type { ParseResult } from './parse-result';

function valueOf<T>(result: ParseResult<T>): T {
  if ('issue' in result) throw new Error(`expected a value, got issue: ${result.issue}`);
  return result.value;
}

function issueOf<T>(result: ParseResult<T>): string {
  if (!('issue' in result)) throw new Error('expected an issue, got a value');
  return result.issue;
}

const TOKENS: [string, string] = [
  '72690798903588392269001731007662425920353908498880709179939493847828858696064',
  '57726118860664877408225679006057036191805241206083874875095996065406561439567',
];

describe('parseGammaMarket', () => {
  it('unpacks the JSON inside strings and pairs each token with its outcome', () => {
    const market = valueOf(parseGammaMarket(gammaMarketWire({ id: '3047949', tokenIds: TOKENS, outcomes: ['Up', 'Down'], prices: ['1', '0'] })));
    expect(market.id).toBe('3047949');
    expect(market.tokens).toEqual([
      { tokenId: TOKENS[0], outcome: 'Up' },
      { tokenId: TOKENS[1], outcome: 'Down' },
    ]);
    expect(market.outcomePrices).toEqual([1, 0]);
  });

  it('reads the numbers, flags, fees and resolution status of a real-shaped market', () => {
    const market = valueOf(
      parseGammaMarket(
        gammaMarketWire(
          { id: '1' },
          { orderPriceMinTickSize: 0.001, negRisk: true, closed: true, acceptingOrders: false, umaResolutionStatus: 'resolved', category: 'Crypto' },
        ),
      ),
    );
    expect(market).toMatchObject({
      conditionId: `0x${'1'.padStart(64, '0')}`,
      liquidityNum: 20328.3747,
      volume24hr: 1234.5,
      tickSize: 0.001,
      orderMinSize: 5,
      negRisk: true,
      active: true,
      closed: true,
      acceptingOrders: false,
      enableOrderBook: true,
      umaResolutionStatus: 'resolved',
      category: 'Crypto',
      feeSchedule: { rate: 0.07, exponent: 1, takerOnly: true },
      endDate: '2026-12-31T00:00:00Z',
    });
  });

  it('accepts numeric strings such as "0.001" where Gamma usually sends numbers', () => {
    const market = valueOf(parseGammaMarket(gammaMarketWire({ id: '2' }, { orderPriceMinTickSize: '0.001', orderMinSize: '15', liquidityNum: '12.5', volume24hr: '7' })));
    expect(market.tickSize).toBe(0.001);
    expect(market.orderMinSize).toBe(15);
    expect(market.liquidityNum).toBe(12.5);
    expect(market.volume24hr).toBe(7);
  });

  it('falls back to the decimal-string liquidity when liquidityNum is absent', () => {
    const wire = gammaMarketWire({ id: '3' }, { liquidity: '46944.579746' });
    delete wire['liquidityNum'];
    expect(valueOf(parseGammaMarket(wire)).liquidityNum).toBeCloseTo(46944.579746);
  });

  it('treats an empty category as none and takes tags from events[].tags', () => {
    const market = valueOf(
      parseGammaMarket(
        gammaMarketWire(
          { id: '4' },
          { category: '', events: [{ id: '260654', slug: 'btc-updown', title: 'BTC Up or Down', negRisk: false, tags: [gammaTagWire('21', 'Crypto'), gammaTagWire('1', 'Bitcoin')] }] },
        ),
      ),
    );
    expect(market.category).toBeNull();
    expect(market.tags).toEqual(['Crypto', 'Bitcoin']);
    expect(market.event).toEqual({ id: '260654', slug: 'btc-updown', title: 'BTC Up or Down', negRisk: false, tags: ['Crypto', 'Bitcoin'] });
  });

  it('gives a market without events no event and no tags', () => {
    const market = valueOf(parseGammaMarket(gammaMarketWire({ id: '5' })));
    expect(market.event).toBeNull();
    expect(market.tags).toEqual([]);
  });

  it('drops the fee schedule when fees are disabled', () => {
    expect(valueOf(parseGammaMarket(gammaMarketWire({ id: '6' }, { feesEnabled: false }))).feeSchedule).toBeNull();
    expect(valueOf(parseGammaMarket(gammaMarketWire({ id: '6' }, { feeSchedule: null }))).feeSchedule).toBeNull();
  });

  it('reads a legacy market whose optional fields are null', () => {
    const market = valueOf(
      parseGammaMarket(
        gammaMarketWire(
          { id: '43' },
          { orderPriceMinTickSize: null, orderMinSize: null, negRisk: null, enableOrderBook: null, acceptingOrders: null, volume24hr: null, feeSchedule: null, umaResolutionStatus: null, endDate: null },
        ),
      ),
    );
    expect(market).toMatchObject({ tickSize: null, orderMinSize: null, negRisk: false, enableOrderBook: false, acceptingOrders: false, volume24hr: 0, endDate: null });
  });

  it('accepts clobTokenIds that are already a real array', () => {
    const market = valueOf(parseGammaMarket(gammaMarketWire({ id: '7' }, { clobTokenIds: [...TOKENS] })));
    expect(market.tokens.map((token) => token.tokenId)).toEqual(TOKENS);
  });

  it('ignores a malformed tag but keeps the market, with a warning naming it', () => {
    const result = parseGammaMarket(gammaMarketWire({ id: '8' }, { events: [{ id: '9', tags: [{ id: '1' }, gammaTagWire('2', 'Politics')] }] }));
    expect('value' in result && result.value.tags).toEqual(['Politics']);
    expect('value' in result && result.warnings).toEqual(['gamma market 8 events[0]: tags[0] has no label; ignored']);
  });

  describe('malformed markets become an issue naming the market and the field', () => {
    it.each([
      ['clobTokenIds is not JSON', { clobTokenIds: '[7269…' }, 'gamma market 3047949: clobTokenIds is not a JSON array of strings'],
      ['clobTokenIds holds numbers', { clobTokenIds: '[1, 2]' }, 'gamma market 3047949: clobTokenIds is not a JSON array of strings'],
      ['clobTokenIds is missing', { clobTokenIds: undefined }, 'gamma market 3047949: clobTokenIds is not a JSON array of strings'],
      ['outcomes is a JSON object', { outcomes: '{"Yes":1}' }, 'gamma market 3047949: outcomes is not a JSON array of strings'],
      ['outcomePrices is not JSON', { outcomePrices: 'half' }, 'gamma market 3047949: outcomePrices is not a JSON array of strings'],
      ['outcomePrices not numeric', { outcomePrices: '["x", "0.5"]' }, 'gamma market 3047949: outcomePrices is not a JSON array of numeric strings'],
      ['token count differs from outcomes', { clobTokenIds: '["1"]' }, 'gamma market 3047949: clobTokenIds has 1 entries for 2 outcomes'],
      ['empty token id', { clobTokenIds: '["", "2"]' }, 'gamma market 3047949: clobTokenIds has an empty token id'],
      ['conditionId missing', { conditionId: undefined }, 'gamma market 3047949: conditionId is missing'],
      ['volume24hr not a number', { volume24hr: 'lots' }, 'gamma market 3047949: volume24hr is not a finite number (got "lots")'],
      ['liquidityNum a boolean', { liquidityNum: true }, 'gamma market 3047949: liquidityNum has the wrong type (got boolean)'],
      ['active a string', { active: 'yes' }, 'gamma market 3047949: active is not a boolean (got string)'],
      ['tick size out of range', { orderPriceMinTickSize: 1.5 }, 'gamma market 3047949: orderPriceMinTickSize 1.5 is not in (0,1)'],
      ['feeSchedule rate not numeric', { feeSchedule: { rate: 'x', exponent: 1, takerOnly: true } }, 'gamma market 3047949: feeSchedule.rate is not a finite number (got "x")'],
    ])('%s', (_case, overrides, expected) => {
      expect(issueOf(parseGammaMarket(gammaMarketWire({ id: '3047949' }, overrides)))).toBe(expected);
    });

    it('names the position of an item that has no id', () => {
      expect(issueOf(parseGammaMarket('not a market', 3))).toBe('gamma market #3: payload is not an object (got string)');
      const wire = gammaMarketWire({ id: 'x' });
      delete wire['id'];
      expect(issueOf(parseGammaMarket(wire, 4))).toBe('gamma market #4: id is missing');
    });
  });
});
