import type { SimBookShape, SimLevel, SimMarket, SimTokenBook } from './world.types';

const ONE = 1000;

/** The YES book from its shape: levels one tick apart, clipped to [tick, 1 - tick]. */
export function yesBook(shape: SimBookShape, tickMills: number): SimTokenBook {
  const askMills = shape.bidMills + shape.spreadTicks * tickMills;
  const bids: SimLevel[] = [];
  shape.bidSizes.forEach((size, i) => {
    const priceMills = shape.bidMills - i * tickMills;
    if (priceMills >= tickMills) bids.push({ priceMills, size });
  });
  const asks: SimLevel[] = [];
  shape.askSizes.forEach((size, i) => {
    const priceMills = askMills + i * tickMills;
    if (priceMills <= ONE - tickMills) asks.push({ priceMills, size });
  });
  return { bids, asks };
}

/** A NO bid at 1 - p mirrors a YES ask at p (one share of each redeems for $1). */
export function mirrorBook(book: SimTokenBook): SimTokenBook {
  const flip = (level: SimLevel): SimLevel => ({ priceMills: ONE - level.priceMills, size: level.size });
  return { bids: book.asks.map(flip), asks: book.bids.map(flip) };
}

/** Books of both tokens, in outcome order [Yes, No]. */
export function marketBooks(market: SimMarket): [SimTokenBook, SimTokenBook] {
  const yes = yesBook(market.book, market.tickMills);
  return [yes, mirrorBook(yes)];
}

export function midMills(book: SimTokenBook): number | null {
  const bid = book.bids[0];
  const ask = book.asks[0];
  return bid && ask ? (bid.priceMills + ask.priceMills) / 2 : null;
}
