import { ClobWireError, parseBalanceAllowance, parsePage, parsePostAnswer, parseVenueOrder, parseVenueTrade } from './clob-trading.wire';
import { orderIdsOf } from './user-channel.watcher';

describe('CLOB trading wire', () => {
  it('reads a POST /order answer, success or refusal', () => {
    expect(parsePostAnswer({ success: true, errorMsg: '', orderID: '0xabc', status: 'matched', tradeIDs: ['t1'] })).toEqual({ success: true, orderId: '0xabc', status: 'matched', errorMsg: '', tradeIds: ['t1'] });
    expect(parsePostAnswer({ success: false, errorMsg: 'invalid signature' })).toMatchObject({ success: false, orderId: null, errorMsg: 'invalid signature' });
    expect(() => parsePostAnswer({ success: 'yes' })).toThrow(ClobWireError);
  });

  it('reads orders and trades with string numbers, and names a malformed field', () => {
    expect(parseVenueOrder({ id: '0x1', status: 'LIVE', asset_id: 'tok', side: 'BUY', original_size: '10', size_matched: '2.5', price: '0.43' }))
      .toEqual({ id: '0x1', status: 'LIVE', tokenId: 'tok', side: 'BUY', originalSize: 10, sizeMatched: 2.5, price: 0.43 });
    expect(() => parseVenueOrder({ id: '0x1', status: 'LIVE', asset_id: 'tok', side: 'BUY', original_size: 'ten', size_matched: '0', price: '0.4' })).toThrow(/order: original_size/);
    const trade = parseVenueTrade({ id: 't', taker_order_id: '0xa', asset_id: 'tok', side: 'BUY', size: '5', price: '0.5', status: 'MINED', match_time: '17', maker_orders: [{ order_id: '0xb', matched_amount: '5', price: '0.5' }] });
    expect(trade).toMatchObject({ takerOrderId: '0xa', makerOrders: [{ orderId: '0xb', matchedAmount: 5, price: 0.5 }], size: 5, matchTime: '17', traderSide: 'TAKER' });
  });

  it('reads pages and bare arrays; balances in base units become units', () => {
    expect(parsePage({ data: [1], next_cursor: 'LTE=' }, 'x')).toEqual({ data: [1], nextCursor: 'LTE=' });
    expect(parsePage([1, 2], 'x')).toEqual({ data: [1, 2], nextCursor: null });
    expect(parseBalanceAllowance({ balance: '12500000', allowances: { '0xE1': '1000000' } })).toEqual({ balance: 12.5, allowances: { '0xE1': 1 } });
  });

  it('finds the order ids a user-channel event is about', () => {
    expect(orderIdsOf({ event_type: 'order', id: '0xa' })).toEqual(['0xa']);
    expect(orderIdsOf({ event_type: 'trade', taker_order_id: '0xa', maker_orders: [{ order_id: '0xb' }] })).toEqual(['0xa', '0xb']);
    expect(orderIdsOf('PONG')).toEqual([]);
  });
});
