import { clobBookWire } from '../testing/venue-payloads';
import { parseClobBook } from './clob-book.wire';

const TOKEN = '23360939988679364027624185518382759743328544433592111535569478055890815567848';

describe('parseClobBook', () => {
  it('turns the best-level-last wire book into a best-first book of numbers', () => {
    // As the venue sends it: bids ascending, asks descending.
    const wire = {
      market: '0x1a4f04c2e6c000d9fc524eb12e7333217411a226c34745af140f195c0227cd5f',
      asset_id: TOKEN,
      timestamp: '1728799418260',
      hash: '2fc4a3d6a98bc164e057589bcb74981852b87412',
      bids: [
        { price: '0.01', size: '1000' },
        { price: '0.06', size: '200' },
        { price: '0.1', size: '125' },
      ],
      asks: [
        { price: '0.98', size: '5000' },
        { price: '0.5', size: '30' },
        { price: '0.14', size: '705' },
      ],
      min_order_size: '5',
      tick_size: '0.001',
      neg_risk: true,
      last_trade_price: '0.12',
    };
    const result = parseClobBook(wire);
    if (!('value' in result)) throw new Error(result.issue);
    expect(result.warnings).toEqual([]);
    expect(result.value).toEqual({
      tokenId: TOKEN,
      conditionId: '0x1a4f04c2e6c000d9fc524eb12e7333217411a226c34745af140f195c0227cd5f',
      bids: [
        { price: 0.1, size: 125 },
        { price: 0.06, size: 200 },
        { price: 0.01, size: 1000 },
      ],
      asks: [
        { price: 0.14, size: 705 },
        { price: 0.5, size: 30 },
        { price: 0.98, size: 5000 },
      ],
      tickSize: 0.001,
      minOrderSize: 5,
      negRisk: true,
      timestamp: 1728799418260,
      hash: '2fc4a3d6a98bc164e057589bcb74981852b87412',
      lastTradePrice: 0.12,
    });
  });

  it('reads a book that already arrives best-first the same way', () => {
    const result = parseClobBook({ asset_id: 'a', timestamp: '1703875200000', bids: [{ price: '0.50', size: '150.00' }, { price: '0.48', size: '100.00' }], asks: [{ price: '0.51', size: '120.00' }, { price: '0.53', size: '90.00' }] });
    if (!('value' in result)) throw new Error(result.issue);
    expect(result.value.bids.map((level) => level.price)).toEqual([0.5, 0.48]);
    expect(result.value.asks.map((level) => level.price)).toEqual([0.51, 0.53]);
  });

  it('marks tick size and minimum as not given (0) when the book omits them, and tolerates an empty last trade price', () => {
    const result = parseClobBook({ asset_id: 'a', market: '0xabc', timestamp: '1703875200000', bids: [], asks: [], last_trade_price: '' });
    if (!('value' in result)) throw new Error(result.issue);
    expect(result.value).toMatchObject({ tickSize: 0, minOrderSize: 0, negRisk: false, bids: [], asks: [], lastTradePrice: null });
  });

  it('keeps a one-sided book', () => {
    const result = parseClobBook(clobBookWire('a', [{ price: '0.2', size: '10' }], []));
    expect('value' in result && result.value.asks).toEqual([]);
  });

  it('drops unusable levels, names each one, and keeps the rest of the book', () => {
    const wire = clobBookWire(
      'tok',
      [
        { price: '0.40', size: '10' },
        { price: 'NaN', size: '10' },
        { price: '-0.1', size: '10' },
        { price: '0', size: '10' },
        { price: '0.30', size: '0' },
        { price: '0.30', size: '-5' },
        { price: '0.30', size: 'abc' },
      ],
      [
        { price: '0.60', size: '10' },
        { price: '1', size: '10' },
        { price: '1.2', size: '10' },
        { price: '', size: '10' },
      ],
    );
    (wire['asks'] as unknown[]).push('not a level');
    const result = parseClobBook(wire);
    if (!('value' in result)) throw new Error(result.issue);
    expect(result.value.bids).toEqual([{ price: 0.4, size: 10 }]);
    expect(result.value.asks).toEqual([{ price: 0.6, size: 10 }]);
    // Wire indexes: the builder writes best-first levels in reverse, as the venue does.
    expect(result.warnings).toEqual([
      'clob book tok: dropped bid level 0 {"price":"0.30","size":"abc"}: size is not a positive number',
      'clob book tok: dropped bid level 1 {"price":"0.30","size":"-5"}: size is not a positive number',
      'clob book tok: dropped bid level 2 {"price":"0.30","size":"0"}: size is not a positive number',
      'clob book tok: dropped bid level 3 {"price":"0","size":"10"}: price is not a number in (0,1)',
      'clob book tok: dropped bid level 4 {"price":"-0.1","size":"10"}: price is not a number in (0,1)',
      'clob book tok: dropped bid level 5 {"price":"NaN","size":"10"}: price is not a number in (0,1)',
      'clob book tok: dropped ask level 0 {"price":"","size":"10"}: price is not a number in (0,1)',
      'clob book tok: dropped ask level 1 {"price":"1.2","size":"10"}: price is not a number in (0,1)',
      'clob book tok: dropped ask level 2 {"price":"1","size":"10"}: price is not a number in (0,1)',
      'clob book tok: dropped ask level 4 "not a level": price is not a number in (0,1)',
    ]);
  });

  it.each([
    ['crossed', '0.55', 'clob book tok: crossed book (best bid 0.55 >= best ask 0.52); dropped'],
    ['locked', '0.52', 'clob book tok: crossed book (best bid 0.52 >= best ask 0.52); dropped'],
  ])('reports and drops a %s book', (_case, bestBid, expected) => {
    const wire = clobBookWire('tok', [{ price: bestBid, size: '10' }, { price: '0.40', size: '10' }], [{ price: '0.52', size: '10' }, { price: '0.60', size: '10' }]);
    expect(parseClobBook(wire)).toEqual({ issue: expected });
  });

  it.each([
    ['no asset_id', { asset_id: undefined }, 'clob book #2: asset_id is missing'],
    ['timestamp not numeric', { timestamp: 'yesterday' }, 'clob book tok: timestamp is not a finite number (got "yesterday")'],
    ['timestamp fractional', { timestamp: '1728799418.26' }, 'clob book tok: timestamp 1728799418.26 is not epoch milliseconds'],
    ['bids not an array', { bids: { price: '0.4' } }, 'clob book tok: bids is not an array (got object)'],
    ['tick size out of range', { tick_size: '2' }, 'clob book tok: tick_size 2 is not in (0,1)'],
    ['min order size not numeric', { min_order_size: 'five' }, 'clob book tok: min_order_size is not a finite number (got "five")'],
  ])('makes a malformed book an issue: %s', (_case, overrides, expected) => {
    expect(parseClobBook(clobBookWire('tok', [], [], overrides), 2)).toEqual({ issue: expected });
  });
});
