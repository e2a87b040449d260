import { parseMarketFrame } from './market-message.wire';

const book = {
  event_type: 'book',
  market: '0xc1',
  asset_id: 'A1',
  bids: [
    { price: '0.48', size: '500.0' },
    { price: '0.50', size: '200.0' },
  ],
  asks: [{ price: '0.52', size: '150.0' }],
  timestamp: '1703875200000',
  hash: '0xh',
};

describe('parseMarketFrame', () => {
  it('reads PONG', () => {
    expect(parseMarketFrame('PONG')).toEqual({ events: [], issues: [], suspectAssetIds: [], pong: true });
  });

  it('reads the initial dump (an array of book events) into best-first books', () => {
    const frame = parseMarketFrame(JSON.stringify([book, { ...book, asset_id: 'A2', bids: [] }]));
    expect(frame.issues).toEqual([]);
    expect(frame.events).toHaveLength(2);
    expect(frame.events[0]).toEqual({
      kind: 'book',
      book: {
        tokenId: 'A1',
        conditionId: '0xc1',
        bids: [
          { price: 0.5, size: 200 },
          { price: 0.48, size: 500 },
        ],
        asks: [{ price: 0.52, size: 150 }],
        tickSize: 0,
        minOrderSize: 0,
        negRisk: false,
        timestamp: 1703875200000,
        hash: '0xh',
        lastTradePrice: null,
      },
    });
  });

  it('reads a price_change with several tokens', () => {
    const frame = parseMarketFrame(
      JSON.stringify({
        event_type: 'price_change',
        market: '0xc1',
        timestamp: '1703875201000',
        price_changes: [
          { asset_id: 'A1', price: '0.51', side: 'BUY', size: '150.0', hash: '0x1', best_bid: '0.51', best_ask: '0.52' },
          { asset_id: 'A2', price: '0.49', side: 'sell', size: '0', hash: '0x2', best_bid: '0.48', best_ask: '0.5' },
        ],
      }),
    );
    expect(frame.issues).toEqual([]);
    expect(frame.events).toEqual([
      {
        kind: 'price_change',
        conditionId: '0xc1',
        timestamp: 1703875201000,
        changes: [
          { assetId: 'A1', side: 'BUY', price: 0.51, size: 150, hash: '0x1' },
          { assetId: 'A2', side: 'SELL', price: 0.49, size: 0, hash: '0x2' },
        ],
      },
    ]);
  });

  it('reads the first version of price_change (one level at the top level)', () => {
    const frame = parseMarketFrame(
      JSON.stringify({ asset_id: 'A1', event_type: 'price_change', hash: 'h', market: '0xc1', price: '0.514', side: 'SELL', size: '21574.08', timestamp: '1723967931411' }),
    );
    expect(frame.events).toEqual([
      { kind: 'price_change', conditionId: '0xc1', timestamp: 1723967931411, changes: [{ assetId: 'A1', side: 'SELL', price: 0.514, size: 21574.08, hash: 'h' }] },
    ]);
  });

  it('reads tick_size_change and market_resolved, and keeps only the type of events it does not act on', () => {
    const tick = { event_type: 'tick_size_change', market: '0xc1', asset_id: 'A1', new_tick_size: '0.001', old_tick_size: '0.01', timestamp: '1739068041853' };
    const resolved = { event_type: 'market_resolved', id: '1', market: '0xc1', assets_ids: ['A1', 'A2'], winning_asset_id: 'A1', winning_outcome: 'Yes', timestamp: '1766790415550', tags: [] };
    const bba = { event_type: 'best_bid_ask', market: '0xc1', asset_id: 'A1', best_bid: '0.73', best_ask: '0.77', spread: '0.04', timestamp: '1766789469958' };
    expect(parseMarketFrame(JSON.stringify(tick)).events).toEqual([{ kind: 'tick_size_change', assetId: 'A1', conditionId: '0xc1', newTickSize: 0.001, timestamp: 1739068041853 }]);
    expect(parseMarketFrame(JSON.stringify(resolved)).events).toEqual([
      { kind: 'market_resolved', resolution: { conditionId: '0xc1', assetIds: ['A1', 'A2'], winningAssetId: 'A1', winningOutcome: 'Yes', timestamp: 1766790415550 } },
    ]);
    expect(parseMarketFrame(JSON.stringify(bba)).events).toEqual([{ kind: 'other', eventType: 'best_bid_ask' }]);
  });

  it('reports a frame that is not JSON', () => {
    expect(parseMarketFrame('INVALID OPERATION')).toEqual({
      events: [],
      issues: ['market channel frame is not JSON: "INVALID OPERATION"'],
      suspectAssetIds: [],
      pong: false,
    });
  });

  it('reports each malformed event with what was wrong, keeps the rest, and names the tokens to re-snapshot', () => {
    const frame = parseMarketFrame(
      JSON.stringify([
        book,
        { market: '0xc1' },
        { ...book, asset_id: 'A3', timestamp: 'yesterday' },
        { event_type: 'price_change', market: '0xc1', timestamp: '1703875201000', price_changes: [{ asset_id: 'A4', price: '1.5', side: 'BUY', size: '1' }] },
        { event_type: 'price_change', market: '0xc1', timestamp: '1703875201000', price_changes: [{ asset_id: 'A5', price: '0.5', side: 'HOLD', size: '1' }] },
        { event_type: 'market_resolved', market: '0xc1', assets_ids: [], winning_asset_id: 'A1', timestamp: '1' },
      ]),
    );
    expect(frame.events.map((event) => event.kind)).toEqual(['book']);
    expect(frame.issues).toEqual([
      'market channel event #1: event_type is missing',
      'market channel event #2 (book): clob book A3: timestamp is not a finite number (got "yesterday")',
      'market channel event #3 (price_change): price_changes.0.price is not in (0,1)',
      expect.stringMatching(/^market channel event #4 \(price_change\): price_changes\.0\.side /),
      'market channel event #5 (market_resolved): assets_ids Array must contain at least 1 element(s)',
    ]);
    expect(frame.suspectAssetIds).toEqual(['A3', 'A4', 'A5']);
  });
});
