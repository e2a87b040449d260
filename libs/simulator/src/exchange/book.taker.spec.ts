import { describe, expect, it } from '@jest/globals';
import { generateWorld } from '../world/world.generator';
import { marketBooks } from '../world/token-book.builder';
import type { WorldChange } from '../world/world.types';
import { crossingFills, takeLiquidity } from './book.taker';

function freshMarket() {
  const world = generateWorld({ seed: 3, events: 6, now: Date.UTC(2026, 10, 1) });
  const market = [...world.markets.values()].find((m) => !m.closed && m.tickMills === 10 && m.book.askSizes.length >= 3 && m.book.bidSizes.length >= 3)!;
  market.book.bidMills = 480;
  market.book.spreadTicks = 2;
  market.book.bidSizes = [10, 20, 30];
  market.book.askSizes = [15, 25, 35];
  return { world, market };
}

describe('book taker', () => {
  it('finds the levels a BUY crosses, best first, up to the wanted size', () => {
    const { market } = freshMarket();
    expect(crossingFills(market, 0, 'BUY', 510, 100_000_000)).toEqual([
      { priceMills: 500, sizeMicro: 15_000_000 },
      { priceMills: 510, sizeMicro: 25_000_000 },
    ]);
    expect(crossingFills(market, 0, 'BUY', 520, 20_000_000)).toEqual([
      { priceMills: 500, sizeMicro: 15_000_000 },
      { priceMills: 510, sizeMicro: 5_000_000 },
    ]);
    expect(crossingFills(market, 0, 'BUY', 490, 20_000_000)).toEqual([]);
    // A NO ask at 1 - p is the YES bid at p.
    expect(crossingFills(market, 1, 'BUY', 530, 12_000_000)).toEqual([
      { priceMills: 520, sizeMicro: 10_000_000 },
      { priceMills: 530, sizeMicro: 2_000_000 },
    ]);
  });

  it('takes YES asks: a full level leaves (the ask steps out a tick), a partial one shrinks, in one book change', () => {
    const { world, market } = freshMarket();
    const changes: WorldChange[] = [];
    world.onChange((c) => changes.push(c));
    takeLiquidity(world, market, 0, 'BUY', crossingFills(market, 0, 'BUY', 510, 20_000_000));
    expect(marketBooks(market)[0].asks.slice(0, 2)).toEqual([
      { priceMills: 510, size: 20 },
      { priceMills: 520, size: 35 },
    ]);
    expect(marketBooks(market)[0].bids[0]).toEqual({ priceMills: 480, size: 10 });
    expect(changes.map((c) => c.kind)).toEqual(['book']);
    expect(market.lastTradeMills).toBe(510);
  });

  it('a NO buy takes YES bids: the YES best bid steps down a tick and the NO ask up', () => {
    const { world, market } = freshMarket();
    takeLiquidity(world, market, 1, 'BUY', crossingFills(market, 1, 'BUY', 530, 12_000_000));
    const [yes, no] = marketBooks(market);
    expect(yes.bids[0]).toEqual({ priceMills: 470, size: 18 });
    expect(yes.asks[0]).toEqual({ priceMills: 500, size: 15 });
    expect(no.asks[0]).toEqual({ priceMills: 530, size: 18 });
    expect(market.lastTradeMills).toBe(470);
  });

  it('a YES sell takes YES bids and a NO sell takes YES asks', () => {
    const { world, market } = freshMarket();
    takeLiquidity(world, market, 0, 'SELL', crossingFills(market, 0, 'SELL', 480, 4_000_000));
    expect(marketBooks(market)[0].bids[0]).toEqual({ priceMills: 480, size: 6 });
    takeLiquidity(world, market, 1, 'SELL', crossingFills(market, 1, 'SELL', 500, 15_000_000));
    expect(marketBooks(market)[0].asks[0]).toEqual({ priceMills: 510, size: 25 });
  });
});
