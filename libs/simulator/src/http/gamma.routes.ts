import { Router, type Request } from 'express';
import { gammaEvent, gammaMarket } from '../wire/gamma.serializer';
import type { SimWorld } from '../world/sim-world.state';
import type { SimEvent, SimMarket } from '../world/world.types';
import { BadRequestError } from './bad-request.error';
import { inIdOrder, pageOf, type CataloguePage, type Paging } from './catalogue.page';
import { decodeCursor, encodeCursor } from './keyset.cursor';
import { queryBool, queryDate, queryInt, queryList, queryNumber, queryString } from './query.parse';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

type SortKey<T> = (item: T) => number;

const MARKET_ORDER: Record<string, SortKey<SimMarket>> = {
  id: (m) => Number(m.id),
  volume24hr: (m) => m.volume24hr,
  volume: (m) => m.volume,
  volumeNum: (m) => m.volume,
  liquidity: (m) => m.liquidity,
  liquidityNum: (m) => m.liquidity,
  endDate: (m) => Date.parse(m.endDate),
  startDate: (m) => Date.parse(m.startDate),
  createdAt: (m) => Date.parse(m.createdAt),
};

function paging(req: Request, offset?: number): Paging {
  const limit = Math.min(queryInt(req.query, 'limit', DEFAULT_LIMIT), MAX_LIMIT);
  return { limit, offset: offset ?? queryInt(req.query, 'offset', 0) };
}

/**
 * One page in the query's order. Id order (the default, and how a full catalogue read pages)
 * walks the world's cached id order; any other order sorts what passes the filters, each key
 * once per item.
 */
function select<T extends { readonly id: string }>(
  world: SimWorld,
  all: ReadonlyMap<string, T>,
  req: Request,
  keys: Record<string, SortKey<T>>,
  test: Test<T>,
  p: Paging,
): CataloguePage<T> {
  const named = queryString(req.query, 'order');
  const order = named ?? 'id';
  const ascending = queryBool(req.query, 'ascending') ?? named === undefined;
  const key = keys[order];
  if (!key) throw new BadRequestError(`order must be one of ${Object.keys(keys).join(', ')}, got "${order}"`);
  const byId = inIdOrder(world, all);
  if (order === 'id') return pageOf(byId, ascending, test, p);
  const keyed = byId.filter(test).map((item) => ({ item, key: key(item) }));
  // A stable sort over id order: ties stay in ascending id order, as before.
  keyed.sort((a, b) => (ascending ? 1 : -1) * (a.key - b.key));
  return pageOf(keyed.map(({ item }) => item), true, () => true, p);
}

function within(value: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

type Test<T> = (item: T) => boolean;

/**
 * Only the filters a query names are run. Each page of the catalogue filters every event, so
 * running all of them (totals, dates) on each made reading 115 pages quadratic in the universe.
 */
function allOf<T>(tests: readonly (Test<T> | null)[]): Test<T> {
  const named = tests.filter((test): test is Test<T> => test !== null);
  return (item) => named.every((test) => test(item));
}

function range<T>(value: (item: T) => number, [min, max]: readonly [number | undefined, number | undefined]): Test<T> | null {
  return min === undefined && max === undefined ? null : (item) => within(value(item), min, max);
}

function listed<T>(values: readonly string[], value: (item: T) => string): Test<T> | null {
  return values.length === 0 ? null : (item) => values.includes(value(item));
}

const NONE = (): boolean => false;

function marketFilter(world: SimWorld, req: Request): Test<SimMarket> {
  const q = req.query;
  const active = queryBool(q, 'active');
  const closed = queryBool(q, 'closed');
  if (queryBool(q, 'archived') === true) return NONE;
  const tokenIds = queryList(q, 'clob_token_ids');
  const tagId = queryString(q, 'tag_id');
  return allOf<SimMarket>([
    active === undefined ? null : (m) => m.active === active,
    closed === undefined ? null : (m) => m.closed === closed,
    listed(queryList(q, 'id'), (m) => m.id),
    listed(queryList(q, 'slug'), (m) => m.slug),
    tokenIds.length === 0 ? null : (m) => m.tokenIds.some((t) => tokenIds.includes(t)),
    listed(queryList(q, 'condition_ids'), (m) => m.conditionId),
    tagId === undefined ? null : (m) => world.eventOf(m)?.tags.some((t) => t.id === tagId) ?? false,
    range((m) => m.liquidity, [queryNumber(q, 'liquidity_num_min'), queryNumber(q, 'liquidity_num_max')]),
    range((m) => m.volume, [queryNumber(q, 'volume_num_min'), queryNumber(q, 'volume_num_max')]),
    range((m) => Date.parse(m.endDate), [queryDate(q, 'end_date_min'), queryDate(q, 'end_date_max')]),
  ]);
}

/** Closed once it has markets and all are closed; read without building the list, since every page asks it of every event. */
function eventClosed(world: SimWorld, event: SimEvent): boolean {
  let any = false;
  for (const id of event.marketIds) {
    const market = world.markets.get(id);
    if (!market) continue;
    if (!market.closed) return false;
    any = true;
  }
  return any;
}

function eventTotals(world: SimWorld, event: SimEvent): { liquidity: number; volume: number; volume24hr: number; closed: boolean } {
  const markets = world.marketsOf(event);
  return {
    liquidity: markets.reduce((s, m) => s + m.liquidity, 0),
    volume: markets.reduce((s, m) => s + m.volume, 0),
    volume24hr: markets.reduce((s, m) => s + m.volume24hr, 0),
    closed: eventClosed(world, event),
  };
}

function eventFilter(world: SimWorld, req: Request): Test<SimEvent> {
  const q = req.query;
  if (queryBool(q, 'active') === false || queryBool(q, 'archived') === true) return NONE;
  const closed = queryBool(q, 'closed');
  const featured = queryBool(q, 'featured');
  const tagId = queryString(q, 'tag_id');
  const tagSlug = queryString(q, 'tag_slug');
  return allOf<SimEvent>([
    closed === undefined ? null : (e) => eventClosed(world, e) === closed,
    featured === undefined ? null : (e) => e.featured === featured,
    listed(queryList(q, 'id'), (e) => e.id),
    listed(queryList(q, 'slug'), (e) => e.slug),
    tagId === undefined ? null : (e) => e.tags.some((t) => t.id === tagId),
    tagSlug === undefined ? null : (e) => e.tags.some((t) => t.slug === tagSlug),
    range((e) => eventTotals(world, e).liquidity, [queryNumber(q, 'liquidity_min'), queryNumber(q, 'liquidity_max')]),
    range((e) => eventTotals(world, e).volume, [queryNumber(q, 'volume_min'), queryNumber(q, 'volume_max')]),
    range((e) => Date.parse(e.endDate), [queryDate(q, 'end_date_min'), queryDate(q, 'end_date_max')]),
  ]);
}

function eventOrder(world: SimWorld): Record<string, SortKey<SimEvent>> {
  return {
    id: (e) => Number(e.id),
    volume24hr: (e) => eventTotals(world, e).volume24hr,
    volume: (e) => eventTotals(world, e).volume,
    liquidity: (e) => eventTotals(world, e).liquidity,
    endDate: (e) => Date.parse(e.endDate),
    startDate: (e) => Date.parse(e.startDate),
    createdAt: (e) => Date.parse(e.createdAt),
  };
}

function keyset<T>({ items, more }: CataloguePage<T>, p: Paging): { items: T[]; next_cursor: string | null } {
  return { items, next_cursor: items.length > 0 && more ? encodeCursor(p.offset + items.length) : null };
}

/** Gamma at /gamma: markets and events, bare arrays or keyset pages. */
export function gammaRouter(world: () => SimWorld): Router {
  const router = Router();

  router.get('/markets', (req, res) => {
    const w = world();
    res.json(select(w, w.markets, req, MARKET_ORDER, marketFilter(w, req), paging(req)).items.map((m) => gammaMarket(w, m)));
  });

  router.get('/markets/keyset', (req, res) => {
    const w = world();
    const p = paging(req, decodeCursor(queryString(req.query, 'after_cursor')));
    const result = keyset(select(w, w.markets, req, MARKET_ORDER, marketFilter(w, req), p), p);
    res.json({ markets: result.items.map((m) => gammaMarket(w, m)), next_cursor: result.next_cursor });
  });

  router.get('/markets/slug/:slug', (req, res) => {
    const w = world();
    const market = [...w.markets.values()].find((m) => m.slug === req.params.slug);
    if (!market) return void res.status(404).json({ error: 'market not found' });
    res.json(gammaMarket(w, market));
  });

  router.get('/markets/:id', (req, res) => {
    const w = world();
    const market = w.markets.get(req.params.id);
    if (!market) return void res.status(404).json({ error: 'market not found' });
    res.json(gammaMarket(w, market));
  });

  router.get('/events', (req, res) => {
    const w = world();
    res.json(select(w, w.events, req, eventOrder(w), eventFilter(w, req), paging(req)).items.map((e) => gammaEvent(w, e)));
  });

  router.get('/events/keyset', (req, res) => {
    const w = world();
    const p = paging(req, decodeCursor(queryString(req.query, 'after_cursor')));
    const result = keyset(select(w, w.events, req, eventOrder(w), eventFilter(w, req), p), p);
    res.json({ events: result.items.map((e) => gammaEvent(w, e)), next_cursor: result.next_cursor });
  });

  router.get('/events/slug/:slug', (req, res) => {
    const w = world();
    const event = [...w.events.values()].find((e) => e.slug === req.params.slug);
    if (!event) return void res.status(404).json({ error: 'event not found' });
    res.json(gammaEvent(w, event));
  });

  router.get('/events/:id', (req, res) => {
    const w = world();
    const event = w.events.get(req.params.id);
    if (!event) return void res.status(404).json({ error: 'event not found' });
    res.json(gammaEvent(w, event));
  });

  return router;
}
