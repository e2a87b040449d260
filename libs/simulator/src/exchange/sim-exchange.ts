import { createHash, randomUUID } from 'node:crypto';
import type { AuthenticatedOwner } from '../auth/l2-auth.verifier';
import type { SimWorld } from '../world/sim-world.state';
import type { SimMarket, WorldChange } from '../world/world.types';
import { formatMills } from '../world/price.format';
import type { AccountLedger } from './account.ledger';
import { formatMicro, notionalMicro } from './amount.format';
import { crossingFills, takeLiquidity, type LevelFill } from './book.taker';
import type { ExchangeEvent, SimOrder, SimTrade } from './exchange.types';
import { OrderRejectedError } from './order-rejected.error';
import { validateOrder, type ValidOrder } from './order.validator';
import type { PostOrderBody } from './signed-order.parser';

export interface PlacedOrder {
  readonly orderID: string;
  readonly status: 'matched' | 'live';
  readonly makingAmount: string;
  readonly takingAmount: string;
  readonly tradeIDs: string[];
}

export interface OrderFilters {
  readonly id?: string;
  readonly market?: string;
  readonly assetId?: string;
}

/** The synthetic liquidity behind the seeded books, named as the counterparty of every fill. */
const BOOK_OWNER = '00000000-0000-0000-0000-00000000b00c';
const BOOK_MAKER = '0x000000000000000000000000000000000000b00c';

/**
 * The matching engine: signed orders cross the seeded books level by level (consuming depth),
 * GTC/GTD remainders rest and fill later when the book comes to them, fills move pUSD and shares,
 * and trades settle MATCHED -> MINED -> CONFIRMED on timers, each step announced to listeners.
 */
export class SimExchange {
  private readonly orders = new Map<string, SimOrder>();
  /** Every order by its market: a book change looks at its own market's orders, not at every order ever taken. */
  private readonly ordersByMarket = new Map<string, SimOrder[]>();
  private readonly signatures = new Set<string>();
  /** Proxy / safe wallets (signatureType 1, 2) spend from the order's maker, not the API key's address. */
  private readonly funders = new Map<string, string>();
  private trades: SimTrade[] = [];
  private readonly listeners = new Set<(event: ExchangeEvent) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private sweeping = false;

  constructor(
    private readonly world: () => SimWorld,
    readonly accounts: AccountLedger,
    private readonly settlementStepMs: number,
  ) {}

  onEvent(listener: (event: ExchangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  place(owner: AuthenticatedOwner, body: PostOrderBody): PlacedOrder {
    this.expireDue();
    const world = this.world();
    const valid = validateOrder(world, owner, body, world.now());
    if (this.signatures.has(body.order.signature) || this.orders.has(valid.id)) {
      throw new OrderRejectedError(`order ${valid.id} is invalid. Duplicated.`, valid.id);
    }
    this.checkFunds(owner, body, valid);
    this.signatures.add(body.order.signature);
    if (body.order.signatureType !== 0) this.funders.set(owner.apiKey, body.order.maker.toLowerCase());

    const { market, outcomeIndex } = valid.ref;
    const side = body.order.side;
    const fills = crossingFills(market, outcomeIndex, side, valid.priceMills, valid.sizeMicro);
    const filled = fills.reduce((sum, f) => sum + f.sizeMicro, 0);
    const order = this.record(owner, body, valid);

    if (body.postOnly && fills.length > 0) return this.kill(order, 'invalid post-only order: order crosses book');
    if (body.orderType === 'FOK' && filled < valid.sizeMicro) {
      return this.kill(order, `order ${order.id} couldn't be fully filled. FOK orders are fully filled or killed.`);
    }
    if (body.orderType === 'FAK' && filled === 0) {
      return this.kill(order, 'no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.');
    }

    const trades = this.fill(order, fills, 'TAKER');
    const rests = body.orderType === 'GTC' || body.orderType === 'GTD';
    order.status = order.matchedMicro >= order.originalMicro ? 'MATCHED' : rests ? 'LIVE' : 'MATCHED';
    if (order.status === 'LIVE') this.emit({ kind: 'order', type: 'PLACEMENT', order });
    trades.forEach((trade) => this.announceTrade(trade));

    const spent = trades.reduce((sum, t) => sum + notionalMicro(t.sizeMicro, t.priceMills), 0);
    const making = side === 'BUY' ? spent : filled;
    const taking = side === 'BUY' ? filled : spent;
    return {
      orderID: order.id,
      status: filled > 0 ? 'matched' : 'live',
      makingAmount: formatMicro(making),
      takingAmount: formatMicro(taking),
      tradeIDs: trades.map((t) => t.id),
    };
  }

  cancel(owner: AuthenticatedOwner, ids: readonly string[]): { canceled: string[]; not_canceled: Record<string, string> } {
    this.expireDue();
    const canceled: string[] = [];
    const notCanceled: Record<string, string> = {};
    for (const id of ids) {
      const order = this.orders.get(id);
      if (!order || order.owner !== owner.apiKey) notCanceled[id] = "Order not found or already canceled";
      else if (order.status !== 'LIVE') notCanceled[id] = order.status === 'MATCHED' ? 'Order fully matched' : 'Order already canceled';
      else {
        this.close(order, 'CANCELED');
        canceled.push(id);
      }
    }
    return { canceled, not_canceled: notCanceled };
  }

  /** The address whose pUSD and shares the key trades: its funder once a proxy-wallet order was seen, else its own. */
  fundsAddress(owner: AuthenticatedOwner, signatureType: number): string {
    return signatureType !== 0 ? (this.funders.get(owner.apiKey) ?? owner.address) : owner.address;
  }

  openOrderIds(owner: AuthenticatedOwner): string[] {
    return this.openOrders(owner, {}).map((o) => o.id);
  }

  openOrders(owner: AuthenticatedOwner, filters: OrderFilters): SimOrder[] {
    this.expireDue();
    return [...this.orders.values()].filter((o) => o.owner === owner.apiKey && o.status === 'LIVE' && matches(o, filters));
  }

  order(owner: AuthenticatedOwner, id: string): SimOrder | undefined {
    this.expireDue();
    const order = this.orders.get(id);
    return order && order.owner === owner.apiKey ? order : undefined;
  }

  tradesOf(owner: AuthenticatedOwner, filters: OrderFilters & { before?: number; after?: number }): SimTrade[] {
    return this.trades.filter(
      (t) =>
        t.owner === owner.apiKey &&
        (!filters.id || t.id === filters.id) &&
        (!filters.market || t.conditionId === filters.market) &&
        (!filters.assetId || t.assetId === filters.assetId) &&
        (filters.before === undefined || t.matchTimeSeconds < filters.before) &&
        (filters.after === undefined || t.matchTimeSeconds > filters.after),
    );
  }

  allOrders(): SimOrder[] {
    return [...this.orders.values()];
  }

  allTrades(): SimTrade[] {
    return [...this.trades];
  }

  /** Resting orders the book now reaches fill as makers; a resolved market cancels its resting orders. */
  readonly onWorldChange = (change: WorldChange): void => {
    if (this.sweeping) return;
    if (change.kind === 'resolved') {
      for (const order of this.liveOn(change.market)) this.close(order, 'CANCELED');
      return;
    }
    if (change.kind !== 'book') return;
    this.sweeping = true;
    try {
      // Orders past their time must not fill; other markets' are expired by the 1 s timer.
      this.expireDue(this.ordersByMarket.get(change.market.conditionId) ?? []);
      for (const order of this.liveOn(change.market)) this.sweep(change.market, order);
    } finally {
      this.sweeping = false;
    }
  };

  /** GTD orders past their expiration leave the book (all of them, or those given). */
  expireDue(orders: Iterable<SimOrder> = this.orders.values()): void {
    const nowSeconds = this.world().now() / 1000;
    for (const order of orders) {
      if (order.status === 'LIVE' && order.orderType === 'GTD' && Number(order.expiration) <= nowSeconds) this.close(order, 'EXPIRED');
    }
  }

  reset(): void {
    this.stopTimers();
    this.orders.clear();
    this.ordersByMarket.clear();
    this.signatures.clear();
    this.funders.clear();
    this.trades = [];
  }

  stopTimers(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }

  private sweep(market: SimMarket, order: SimOrder): void {
    const ref = this.world().token(order.assetId);
    if (!ref || ref.market !== market) return;
    const fills = crossingFills(market, ref.outcomeIndex, order.side, order.priceMills, order.originalMicro - order.matchedMicro);
    if (fills.length === 0) return;
    const affordable = this.affordable(order, fills);
    if (affordable.length === 0) return;
    const trades = this.fill(order, affordable, 'MAKER');
    if (order.matchedMicro >= order.originalMicro) order.status = 'MATCHED';
    this.emit({ kind: 'order', type: 'UPDATE', order });
    trades.forEach((trade) => this.announceTrade(trade));
  }

  /** A resting order fills only as far as its owner can still pay (or deliver) at fill time. */
  private affordable(order: SimOrder, fills: LevelFill[]): LevelFill[] {
    let budget = order.side === 'BUY' ? this.accounts.balanceMicro(order.makerAddress) : this.accounts.sharesMicro(order.makerAddress, order.assetId);
    const out: LevelFill[] = [];
    for (const fill of fills) {
      const need = order.side === 'BUY' ? notionalMicro(fill.sizeMicro, fill.priceMills) : fill.sizeMicro;
      if (need > budget) break;
      budget -= need;
      out.push(fill);
    }
    return out;
  }

  private liveOn(market: SimMarket): SimOrder[] {
    return (this.ordersByMarket.get(market.conditionId) ?? []).filter((o) => o.status === 'LIVE');
  }

  /** Funds are the maker's (the EOA itself, or the proxy wallet that signatureType 1 / 2 orders spend from). */
  private checkFunds(owner: AuthenticatedOwner, body: PostOrderBody, valid: ValidOrder): void {
    const maker = body.order.maker.toLowerCase();
    const resting = [...this.orders.values()].filter((o) => o.makerAddress === maker && o.status === 'LIVE');
    if (body.order.side === 'BUY') {
      const reserved = resting.filter((o) => o.side === 'BUY').reduce((sum, o) => sum + notionalMicro(o.originalMicro - o.matchedMicro, o.priceMills), 0);
      if (valid.makerAmountMicro > this.accounts.balanceMicro(maker) - reserved) {
        throw new OrderRejectedError('not enough balance / allowance', valid.id);
      }
      return;
    }
    const tokenId = body.order.tokenId;
    const reserved = resting.filter((o) => o.side === 'SELL' && o.assetId === tokenId).reduce((sum, o) => sum + o.originalMicro - o.matchedMicro, 0);
    if (valid.sizeMicro > this.accounts.sharesMicro(maker, tokenId) - reserved) {
      throw new OrderRejectedError('not enough balance / allowance', valid.id);
    }
  }

  private record(owner: AuthenticatedOwner, body: PostOrderBody, valid: ValidOrder): SimOrder {
    const { market, outcomeIndex } = valid.ref;
    const order: SimOrder = {
      id: valid.id,
      owner: owner.apiKey,
      makerAddress: body.order.maker.toLowerCase(),
      conditionId: market.conditionId,
      assetId: body.order.tokenId,
      outcome: market.outcomes[outcomeIndex],
      side: body.order.side,
      priceMills: valid.priceMills,
      originalMicro: valid.sizeMicro,
      matchedMicro: 0,
      orderType: body.orderType,
      expiration: body.order.expiration,
      createdAtSeconds: Math.floor(this.world().now() / 1000),
      status: 'LIVE',
      tradeIds: [],
      signature: body.order.signature,
    };
    this.orders.set(order.id, order);
    const onMarket = this.ordersByMarket.get(order.conditionId);
    if (onMarket) onMarket.push(order);
    else this.ordersByMarket.set(order.conditionId, [order]);
    return order;
  }

  /** The order is kept (CANCELED, announced) and the post is refused with the venue's words. */
  private kill(order: SimOrder, reason: string): never {
    this.close(order, 'CANCELED');
    throw new OrderRejectedError(reason, order.id);
  }

  private close(order: SimOrder, status: 'CANCELED' | 'EXPIRED'): void {
    order.status = status;
    this.emit({ kind: 'order', type: 'CANCELLATION', order });
  }

  private fill(order: SimOrder, fills: readonly LevelFill[], traderSide: 'TAKER' | 'MAKER'): SimTrade[] {
    const world = this.world();
    const ref = world.token(order.assetId);
    if (!ref || fills.length === 0) return [];
    // Our own book change must not sweep the order being filled.
    const wasSweeping = this.sweeping;
    this.sweeping = true;
    try {
      takeLiquidity(world, ref.market, ref.outcomeIndex, order.side, fills);
    } finally {
      this.sweeping = wasSweeping;
    }
    const nowSeconds = Math.floor(world.now() / 1000);
    return fills.map((f) => {
      const cash = notionalMicro(f.sizeMicro, f.priceMills);
      if (order.side === 'BUY') this.accounts.buy(order.makerAddress, order.assetId, f.sizeMicro, cash);
      else this.accounts.sell(order.makerAddress, order.assetId, f.sizeMicro, cash);
      order.matchedMicro += f.sizeMicro;
      const trade: SimTrade = {
        id: randomUUID(),
        orderId: order.id,
        owner: order.owner,
        makerAddress: order.makerAddress,
        conditionId: order.conditionId,
        assetId: order.assetId,
        outcome: order.outcome,
        side: order.side,
        priceMills: f.priceMills,
        sizeMicro: f.sizeMicro,
        traderSide,
        matchTimeSeconds: nowSeconds,
        status: 'MATCHED',
        lastUpdateSeconds: nowSeconds,
        transactionHash: null,
        counterparty: {
          order_id: `0x${createHash('sha256').update(`book:${order.id}:${order.tradeIds.length}`).digest('hex')}`,
          owner: BOOK_OWNER,
          maker_address: BOOK_MAKER,
          matched_amount: formatMicro(f.sizeMicro),
          price: formatMills(f.priceMills),
          fee_rate_bps: '0',
          asset_id: order.assetId,
          outcome: order.outcome,
          side: order.side === 'BUY' ? 'SELL' : 'BUY',
        },
      };
      order.tradeIds.push(trade.id);
      this.trades.push(trade);
      world.emit({ kind: 'trade', market: ref.market, tokenId: order.assetId, priceMills: f.priceMills, size: f.sizeMicro / 1_000_000, side: order.side });
      return trade;
    });
  }

  /** MATCHED now, MINED (with its transaction hash) one step later, CONFIRMED one step after that. */
  private announceTrade(trade: SimTrade): void {
    this.emit({ kind: 'trade', trade });
    this.later(this.settlementStepMs, () => {
      trade.status = 'MINED';
      trade.transactionHash = `0x${createHash('sha256').update(`tx:${trade.id}`).digest('hex')}`;
      trade.lastUpdateSeconds = Math.floor(this.world().now() / 1000);
      this.emit({ kind: 'trade', trade });
      this.later(this.settlementStepMs, () => {
        trade.status = 'CONFIRMED';
        trade.lastUpdateSeconds = Math.floor(this.world().now() / 1000);
        this.emit({ kind: 'trade', trade });
      });
    });
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private emit(event: ExchangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        process.stderr.write(`${JSON.stringify({ msg: 'simulator exchange listener failed', error: String(err) })}\n`);
      }
    }
  }
}

function matches(order: SimOrder, filters: OrderFilters): boolean {
  return (!filters.id || order.id === filters.id) && (!filters.market || order.conditionId === filters.market) && (!filters.assetId || order.assetId === filters.assetId);
}
