import type { AuthenticatedOwner } from '../auth/l2-auth.verifier';
import { formatMills } from '../world/price.format';
import type { SimWorld, TokenRef } from '../world/sim-world.state';
import type { Mills } from '../world/world.types';
import { formatMicro } from './amount.format';
import { OrderRejectedError } from './order-rejected.error';
import { orderHash, recoverOrderSigner, type PostOrderBody } from './signed-order.parser';

export const INVALID_SIGNATURE = 'invalid signature';
/** How far an amount-derived price may sit from the tick grid: market orders round their amounts. */
const PRICE_TOLERANCE_MILLS = 0.05;
const MIN_MARKETABLE_NOTIONAL_MICRO = 1_000_000;

export interface ValidOrder {
  readonly id: string;
  readonly ref: TokenRef;
  readonly priceMills: Mills;
  /** Shares the order trades: takerAmount for a BUY, makerAmount for a SELL. */
  readonly sizeMicro: number;
  readonly makerAmountMicro: number;
}

/**
 * The checks the venue makes before matching, in its order: owner, token, signature (recovering the
 * signer from the EIP-712 order for the token's exchange), market open, tick grid, minimum size,
 * expiration. Balance and duplicate checks need the exchange's state and happen there.
 */
export function validateOrder(world: SimWorld, owner: AuthenticatedOwner, body: PostOrderBody, nowMs: number): ValidOrder {
  const order = body.order;
  if (body.owner !== owner.apiKey) throw new OrderRejectedError('the order owner has to be the owner of the API KEY');
  const ref = world.token(order.tokenId);
  if (!ref) throw new OrderRejectedError(`order is invalid. No orderbook exists for the requested token id ${order.tokenId}`);
  const { market } = ref;
  const id = orderHash(order, market.negRisk);

  const signer = order.signer.toLowerCase();
  const recovered = order.signatureType === 3 ? null : recoverOrderSigner(order, market.negRisk);
  const eoaMismatch = order.signatureType === 0 && order.maker.toLowerCase() !== signer;
  if (recovered !== signer || signer !== owner.address || eoaMismatch) throw new OrderRejectedError(INVALID_SIGNATURE, id);

  if (market.closed || !market.acceptingOrders) throw new OrderRejectedError(`order ${id} is invalid. The market is closed and accepts no orders.`, id);

  const maker = Number(order.makerAmount);
  const taker = Number(order.takerAmount);
  if (!(maker > 0) || !(taker > 0)) throw new OrderRejectedError(`order ${id} is invalid. makerAmount and takerAmount must be positive.`, id);
  const rawMills = order.side === 'BUY' ? (maker * 1000) / taker : (taker * 1000) / maker;
  const priceMills = Math.round(rawMills);
  const tick = market.tickMills;
  const offGrid = Math.abs(rawMills - priceMills) > PRICE_TOLERANCE_MILLS || priceMills % tick !== 0;
  if (offGrid || priceMills < tick || priceMills > 1000 - tick) {
    throw new OrderRejectedError(`order ${id} is invalid. Price (${Number((rawMills / 1000).toFixed(6))}) breaks minimum tick size rule: ${formatMills(tick)}`, id);
  }

  const sizeMicro = order.side === 'BUY' ? taker : maker;
  const marketable = body.orderType === 'FOK' || body.orderType === 'FAK';
  if (marketable) {
    const notional = order.side === 'BUY' ? maker : taker;
    if (notional < MIN_MARKETABLE_NOTIONAL_MICRO) {
      throw new OrderRejectedError(`invalid amount for a marketable ${order.side} order ($${formatMicro(notional)}), min size: $1`, id);
    }
  } else if (sizeMicro < market.minOrderSize * 1_000_000) {
    throw new OrderRejectedError(`order ${id} is invalid. Size (${formatMicro(sizeMicro)}) lower than the minimum: ${market.minOrderSize}`, id);
  }

  if (body.orderType === 'GTD' && Number(order.expiration) * 1000 <= nowMs) throw new OrderRejectedError('invalid expiration', id);
  if (body.postOnly && marketable) throw new OrderRejectedError('postOnly is not supported for FOK/FAK orders', id);

  return { id, ref, priceMills, sizeMicro, makerAmountMicro: maker };
}
