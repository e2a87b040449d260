import { Router, type Request, type Response } from 'express';
import { wireBook } from '../wire/book.serializer';
import { formatMills, millsToNumber } from '../world/price.format';
import type { SimWorld, TokenRef } from '../world/sim-world.state';
import { marketBooks } from '../world/token-book.builder';
import { BadRequestError } from './bad-request.error';
import { priceHistory } from './price-history.builder';
import { queryString } from './query.parse';

export const NO_ORDERBOOK = 'No orderbook exists for the requested token id';
const MAX_BOOKS_PER_REQUEST = 500;

function tokenParam(req: Request): string {
  const tokenId = queryString(req.query, 'token_id') ?? queryString(req.query, 'market');
  if (!tokenId) throw new BadRequestError('token_id is required');
  return tokenId;
}

/** The token's market, or a venue-worded 404 already sent. */
function tokenOr404(world: SimWorld, req: Request, res: Response): (TokenRef & { tokenId: string }) | null {
  const tokenId = tokenParam(req);
  const ref = world.token(tokenId);
  if (!ref) {
    res.status(404).json({ error: NO_ORDERBOOK });
    return null;
  }
  return { ...ref, tokenId };
}

function bestPrices(ref: TokenRef): { bid: number | null; ask: number | null } {
  const book = marketBooks(ref.market)[ref.outcomeIndex];
  return { bid: book.bids[0]?.priceMills ?? null, ask: book.asks[0]?.priceMills ?? null };
}

/** CLOB REST at /clob: books, prices and the market parameters clob-client asks for before signing. */
export function clobRouter(world: () => SimWorld): Router {
  const router = Router();

  router.get('/', (_req, res) => void res.json('OK'));

  router.get('/book', (req, res) => {
    const book = wireBook(world(), tokenParam(req));
    if (!book) return void res.status(404).json({ error: NO_ORDERBOOK });
    res.json(book);
  });

  router.post('/books', (req, res) => {
    const body: unknown = req.body;
    if (!Array.isArray(body)) throw new BadRequestError('body must be an array of {"token_id": "..."}');
    if (body.length > MAX_BOOKS_PER_REQUEST) {
      throw new BadRequestError(`too many token ids: ${body.length} (max ${MAX_BOOKS_PER_REQUEST} per request)`);
    }
    const tokenIds = body.map((entry, i) => {
      const tokenId: unknown = entry && typeof entry === 'object' && 'token_id' in entry ? entry.token_id : undefined;
      if (typeof tokenId !== 'string' || tokenId === '') throw new BadRequestError(`body[${i}].token_id must be a non-empty string`);
      return tokenId;
    });
    const w = world();
    // Like the venue, unknown tokens are left out rather than failing the batch.
    res.json(tokenIds.map((t) => wireBook(w, t)).filter((b) => b !== null));
  });

  router.get('/price', (req, res) => {
    const ref = tokenOr404(world(), req, res);
    if (!ref) return;
    const side = queryString(req.query, 'side')?.toUpperCase();
    if (side !== 'BUY' && side !== 'SELL') throw new BadRequestError('side must be BUY or SELL');
    // The venue answers BUY with the best bid and SELL with the best ask.
    const { bid, ask } = bestPrices(ref);
    const price = side === 'BUY' ? bid : ask;
    if (price === null) return void res.status(404).json({ error: 'No orders on that side of the book' });
    res.json({ price: formatMills(price) });
  });

  router.get('/midpoint', (req, res) => {
    const ref = tokenOr404(world(), req, res);
    if (!ref) return;
    const { bid, ask } = bestPrices(ref);
    if (bid === null || ask === null) return void res.status(404).json({ error: 'No midpoint for a one-sided book' });
    res.json({ mid: String(millsToNumber(bid + ask) / 2) });
  });

  router.get('/spread', (req, res) => {
    const ref = tokenOr404(world(), req, res);
    if (!ref) return;
    const { bid, ask } = bestPrices(ref);
    if (bid === null || ask === null) return void res.status(404).json({ error: 'No spread for a one-sided book' });
    res.json({ spread: formatMills(ask - bid) });
  });

  router.get('/tick-size', (req, res) => {
    const ref = tokenOr404(world(), req, res);
    if (ref) res.json({ minimum_tick_size: millsToNumber(ref.market.tickMills) });
  });

  router.get('/neg-risk', (req, res) => {
    const ref = tokenOr404(world(), req, res);
    if (ref) res.json({ neg_risk: ref.market.negRisk });
  });

  router.get('/fee-rate', (req, res) => {
    const ref = tokenOr404(world(), req, res);
    if (ref) res.json({ base_fee: ref.market.feeSchedule ? 1000 : 0 });
  });

  router.get('/time', (_req, res) => void res.json(Math.floor(world().now() / 1000)));

  router.get('/version', (_req, res) => void res.json({ version: 2 }));

  router.get('/prices-history', (req, res) => {
    const w = world();
    const ref = tokenOr404(w, req, res);
    if (ref) res.json({ history: priceHistory(w, ref, req.query) });
  });

  return router;
}
