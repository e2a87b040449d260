import { describe, expect, it } from '@jest/globals';
import { OrderBuilder, orderToJsonV2, OrderType, Side } from '@polymarket/clob-client-v2';
import { Wallet } from 'ethers';
import { ApiKeyRegistry } from '../auth/api-credentials';
import { v5Signer, TEST_KEY } from '../testing/clob-trader.helper';
import { generateWorld } from '../world/world.generator';
import { AccountLedger } from './account.ledger';
import type { ExchangeEvent } from './exchange.types';
import { OrderRejectedError } from './order-rejected.error';
import { postOrderSchema } from './signed-order.parser';
import { SimExchange } from './sim-exchange';

const wallet = new Wallet(TEST_KEY);
const T0 = Date.UTC(2026, 10, 1, 12);

async function setup() {
  let clock = T0;
  const world = generateWorld({ seed: 4, events: 6, now: T0, clock: () => clock });
  const exchange = new SimExchange(() => world, new AccountLedger(1_000), 1_000);
  world.onChange(exchange.onWorldChange);
  const owner = new ApiKeyRegistry('unit').issue(wallet.address);
  const market = [...world.markets.values()].find((m) => !m.closed && !m.negRisk && m.tickMills === 10)!;
  const builder = new OrderBuilder(v5Signer(wallet), 137);
  const body = async (price: number, size: number, type: OrderType, expiration?: number) => {
    const order = (await builder.buildOrder({ tokenID: market.tokenIds[0], price, size, side: Side.BUY, expiration }, { tickSize: '0.01', negRisk: false }, 2)) as Parameters<typeof orderToJsonV2>[0];
    return postOrderSchema.parse(JSON.parse(JSON.stringify(orderToJsonV2(order, owner.apiKey, type))));
  };
  const events: ExchangeEvent[] = [];
  exchange.onEvent((e) => events.push(e));
  return { world, exchange, market, body, events, who: { apiKey: owner.apiKey, address: wallet.address.toLowerCase() }, advance: (ms: number) => (clock += ms) };
}

describe('SimExchange', () => {
  it('expires a resting GTD order on the clock and announces the cancellation', async () => {
    const { exchange, market, body, events, who, advance } = await setup();
    const bid = market.book.bidMills / 1000;
    const placed = exchange.place(who, await body(bid, 5, OrderType.GTD, T0 / 1000 + 120));
    expect(placed.status).toBe('live');
    advance(119_000);
    exchange.expireDue();
    expect(exchange.openOrders(who, {}).map((o) => o.id)).toEqual([placed.orderID]);
    advance(2_000);
    exchange.expireDue();
    expect(exchange.openOrders(who, {})).toEqual([]);
    expect(exchange.order(who, placed.orderID)?.status).toBe('EXPIRED');
    expect(events.map((e) => (e.kind === 'order' ? e.type : e.kind))).toEqual(['PLACEMENT', 'CANCELLATION']);
  });

  it('a book change expires its own market\'s due GTD orders before they can fill, and looks at no other market\'s', async () => {
    const { world, exchange, market, body, who, advance } = await setup();
    const bid = market.book.bidMills / 1000;
    const gtc = exchange.place(who, await body(bid, 5, OrderType.GTC));
    const gtd = exchange.place(who, await body(bid, 5, OrderType.GTD, T0 / 1000 + 120));
    advance(121_000);
    const statusOf = (id: string) => exchange.allOrders().find((o) => o.id === id);
    const other = [...world.markets.values()].find((m) => m !== market && !m.closed)!;
    world.mutateBook(other, (m) => (m.book.bidSizes[0] += 1));
    expect(statusOf(gtd.orderID)?.status).toBe('LIVE');
    // The asks come down to the orders' price: the GTC fills as a maker, the expired GTD does not.
    world.mutateBook(market, (m) => (m.book.bidMills -= m.book.spreadTicks * m.tickMills));
    expect(statusOf(gtd.orderID)).toMatchObject({ status: 'EXPIRED', matchedMicro: 0 });
    expect(statusOf(gtc.orderID)?.matchedMicro).toBeGreaterThan(0);
  });

  it('reserves the cost of resting BUYs against the balance', async () => {
    const { exchange, market, body, who } = await setup();
    const bid = market.book.bidMills / 1000;
    const size = Math.floor(900 / bid);
    exchange.place(who, await body(bid, size, OrderType.GTC));
    const second = await body(bid, size, OrderType.GTC);
    expect(() => exchange.place(who, second)).toThrow(new OrderRejectedError('not enough balance / allowance'));
  });

  it('cancels resting orders when their market resolves', async () => {
    const { world, exchange, market, body, who } = await setup();
    const placed = exchange.place(who, await body(market.book.bidMills / 1000, 5, OrderType.GTC));
    market.closed = true;
    world.emit({ kind: 'resolved', market });
    expect(exchange.order(who, placed.orderID)?.status).toBe('CANCELED');
  });
});
