import { gammaEventWire, gammaMarketWire, gammaTagWire } from '../testing/venue-payloads';
import { parseGammaEvent } from './gamma-event.wire';

describe('parseGammaEvent', () => {
  it('reads a neg-risk event with its tags and markets', () => {
    const result = parseGammaEvent(
      gammaEventWire('30829', [gammaMarketWire({ id: '559657' }, { negRisk: true }), gammaMarketWire({ id: '559659' }, { negRisk: true })], {
        negRisk: true,
        title: 'Democratic Presidential Nominee 2028',
        slug: 'democratic-presidential-nominee-2028',
      }),
    );
    if (!('value' in result)) throw new Error(result.issue);
    expect(result.warnings).toEqual([]);
    expect(result.value).toMatchObject({
      id: '30829',
      slug: 'democratic-presidential-nominee-2028',
      title: 'Democratic Presidential Nominee 2028',
      negRisk: true,
      tags: ['Politics', 'Elections'],
    });
    expect(result.value.markets.map((market) => market.id)).toEqual(['559657', '559659']);
    expect(result.value.markets.every((market) => market.negRisk)).toBe(true);
  });

  it('skips a malformed market with a warning naming event, market and field, and keeps the rest', () => {
    const result = parseGammaEvent(gammaEventWire('7', [gammaMarketWire({ id: '1' }, { clobTokenIds: 'oops' }), gammaMarketWire({ id: '2' })]));
    if (!('value' in result)) throw new Error(result.issue);
    expect(result.value.markets.map((market) => market.id)).toEqual(['2']);
    expect(result.warnings).toEqual(['gamma event 7: skipped gamma market 1: clobTokenIds is not a JSON array of strings']);
  });

  it('drops a tag without a label and says so', () => {
    const result = parseGammaEvent(gammaEventWire('8', [], { tags: [gammaTagWire('1', 'Sports'), { id: '2', label: null }] }));
    if (!('value' in result)) throw new Error(result.issue);
    expect(result.value.tags).toEqual(['Sports']);
    expect(result.warnings).toEqual(['gamma event 8: tags[1] has no label; ignored']);
  });

  it('reads an event with no markets key as an event with no markets', () => {
    const wire = gammaEventWire('9', []);
    delete wire['markets'];
    const result = parseGammaEvent(wire);
    expect('value' in result && result.value.markets).toEqual([]);
  });

  it.each([
    ['markets is not an array', gammaEventWire('10', [], { markets: '[]' }), 'gamma event 10: markets is not an array (got string)'],
    ['negRisk is not a boolean', gammaEventWire('11', [], { negRisk: 'true' }), 'gamma event 11: negRisk is not a boolean (got string)'],
    ['no id', { title: 'x', markets: [] }, 'gamma event #5: id is missing'],
    ['not an object', null, 'gamma event #5: payload is not an object (got null)'],
  ])('makes a malformed envelope an issue: %s', (_case, raw, expected) => {
    expect(parseGammaEvent(raw, 5)).toEqual({ issue: expected });
  });
});
