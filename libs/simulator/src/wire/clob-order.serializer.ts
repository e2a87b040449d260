import { formatMicro } from '../exchange/amount.format';
import type { SimOrder, SimTrade } from '../exchange/exchange.types';
import { formatMills } from '../world/price.format';

/** `GET /data/orders` and `/data/order/:id` rows (clob-client-v2's OpenOrder). */
export function wireOpenOrder(order: SimOrder) {
  return {
    id: order.id,
    status: order.status,
    owner: order.owner,
    maker_address: order.makerAddress,
    market: order.conditionId,
    asset_id: order.assetId,
    side: order.side,
    original_size: formatMicro(order.originalMicro),
    size_matched: formatMicro(order.matchedMicro),
    price: formatMills(order.priceMills),
    associate_trades: [...order.tradeIds],
    outcome: order.outcome,
    created_at: order.createdAtSeconds,
    expiration: order.expiration,
    order_type: order.orderType,
  };
}

/** `GET /data/trades` rows (clob-client-v2's Trade); `transaction_hash` appears once MINED. */
export function wireTrade(trade: SimTrade) {
  return {
    id: trade.id,
    taker_order_id: trade.traderSide === 'TAKER' ? trade.orderId : trade.counterparty.order_id,
    market: trade.conditionId,
    asset_id: trade.assetId,
    side: trade.side,
    size: formatMicro(trade.sizeMicro),
    fee_rate_bps: '0',
    price: formatMills(trade.priceMills),
    status: trade.status,
    match_time: String(trade.matchTimeSeconds),
    last_update: String(trade.lastUpdateSeconds),
    outcome: trade.outcome,
    bucket_index: 0,
    owner: trade.owner,
    maker_address: trade.makerAddress,
    maker_orders:
      trade.traderSide === 'TAKER'
        ? [trade.counterparty]
        : [{ ...trade.counterparty, order_id: trade.orderId, owner: trade.owner, maker_address: trade.makerAddress, side: trade.side }],
    transaction_hash: trade.transactionHash ?? '',
    trader_side: trade.traderSide,
  };
}

/** User-channel `order` event (PLACEMENT / UPDATE / CANCELLATION). */
export function userOrderEvent(type: 'PLACEMENT' | 'UPDATE' | 'CANCELLATION', order: SimOrder, timestampMs: number) {
  const { created_at, ...row } = wireOpenOrder(order);
  return {
    event_type: 'order',
    type,
    ...row,
    status: order.status === 'EXPIRED' ? 'CANCELED' : order.status,
    associate_trades: order.tradeIds.length ? [...order.tradeIds] : null,
    created_at: String(created_at),
    order_owner: order.owner,
    timestamp: String(timestampMs),
  };
}

/** User-channel `trade` event, sent at MATCHED, MINED and CONFIRMED. */
export function userTradeEvent(trade: SimTrade, timestampMs: number) {
  return { event_type: 'trade', type: 'TRADE', ...wireTrade(trade), trade_owner: trade.owner, timestamp: String(timestampMs) };
}
