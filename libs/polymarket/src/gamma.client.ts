import type { GammaEvent, GammaMarket } from './gamma.types';
import { describeError } from './http/venue-errors';
import type { VenueHttp, VenueQueryValue } from './http/venue-http';
import { PageWindow } from './http/page-window';
import { parseGammaEvent } from './wire/gamma-event.wire';
import { parseKeysetPage } from './wire/gamma-keyset-page.wire';
import { parseGammaMarket } from './wire/gamma-market.wire';
import { isParseIssue, type ParseResult } from './wire/parse-result';

export interface GammaClientOptions {
  readonly baseUrl: string;
  readonly http: VenueHttp;
  readonly pageSize?: number;
  /** Pages of open events requested ahead while one is being read (see PageWindow); 1 = one at a time. */
  readonly pagesInFlight?: number;
  /** Guards against a venue that ignores `offset` and returns full pages forever. */
  readonly maxPages?: number;
}

export interface FetchOpenEventsOptions {
  /**
   * At most this many markets. Events are never split (a neg-risk event needs all its outcomes):
   * an event that would overflow is left out, and paging stops after that page.
   */
  readonly maxMarkets?: number;
}

export interface FetchMarketsOptions {
  /** `offset` pages `/markets?limit&offset`; `keyset` follows `/markets/keyset` cursors. */
  readonly paging?: 'offset' | 'keyset';
  readonly active?: boolean;
  readonly closed?: boolean;
  readonly maxMarkets?: number;
  /** Extra Gamma filters (`order`, `tag_id`, `liquidity_num_min`, …); a list is sent as a repeated key (`condition_ids`). */
  readonly filters?: Readonly<Record<string, VenueQueryValue>>;
}

export interface GammaEventsPage {
  readonly events: GammaEvent[];
  readonly markets: GammaMarket[];
  readonly issues: string[];
}

export interface GammaMarketsPage {
  readonly markets: GammaMarket[];
  readonly issues: string[];
}

const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_MAX_PAGES = 10_000;
const DEFAULT_PAGES_IN_FLIGHT = 4;

/** Keeps the good items of a page, turns the bad ones into issues. */
function collect<T>(results: readonly ParseResult<T>[], issues: string[]): T[] {
  const values: T[] = [];
  for (const result of results) {
    if (isParseIssue(result)) {
      issues.push(result.issue);
    } else {
      issues.push(...result.warnings);
      values.push(result.value);
    }
  }
  return values;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`GammaClient ${name} must be a positive integer (got ${value})`);
  return value;
}

/** Reads Gamma's market catalogue (no auth). Venue trouble becomes `issues`, never a throw. */
export class GammaClient {
  private readonly pageSize: number;
  private readonly maxPages: number;
  private readonly pagesInFlight: number;

  constructor(private readonly options: GammaClientOptions) {
    this.pageSize = positiveInteger('pageSize', options.pageSize ?? DEFAULT_PAGE_SIZE);
    this.pagesInFlight = positiveInteger('pagesInFlight', options.pagesInFlight ?? DEFAULT_PAGES_IN_FLIGHT);
    this.maxPages = positiveInteger('maxPages', options.maxPages ?? DEFAULT_MAX_PAGES);
  }

  /** Every page of open events (`active=true&closed=false`) until a short page, with their markets. */
  async fetchOpenEvents(opts: FetchOpenEventsOptions = {}): Promise<GammaEventsPage> {
    const events: GammaEvent[] = [];
    const issues: string[] = [];
    for await (const page of this.openEventPages(opts)) {
      events.push(...page.events);
      issues.push(...page.issues);
    }
    return { events, markets: events.flatMap((event) => event.markets), issues };
  }

  /**
   * The open events a page at a time, as `fetchOpenEvents` reads them (each event once, the cap
   * applied), so a caller can finish with one page before the next is decoded: the whole catalogue
   * as Gamma's objects is never held. Pages are requested ahead meanwhile (see PageWindow).
   */
  async *openEventPages(opts: FetchOpenEventsOptions = {}): AsyncGenerator<GammaEventsPage> {
    const maxMarkets = opts.maxMarkets ?? Number.POSITIVE_INFINITY;
    const seenEvents = new Set<string>();
    let marketCount = 0;
    // Each page keeps its own issues: a page requested ahead of the end (or of a failure) says nothing.
    const pages = new PageWindow(
      async (page) => {
        const pageIssues: string[] = [];
        const items = await this.fetchArray('/events', { active: true, closed: false, limit: this.pageSize, offset: page * this.pageSize }, pageIssues);
        return { items, pageIssues };
      },
      this.pagesInFlight,
      this.maxPages,
    );
    try {
      for (let page = 0; page < this.maxPages; page += 1) {
        const offset = page * this.pageSize;
        const { items, pageIssues } = await pages.take(page);
        const issues = [...pageIssues];
        if (items === null) {
          yield { events: [], markets: [], issues };
          return;
        }
        const events: GammaEvent[] = [];
        let capped = false;
        for (const event of collect(items.map((item, i) => parseGammaEvent(item, offset + i)), issues)) {
          // Offset paging over a live catalogue can repeat an event that moved across a page boundary.
          if (seenEvents.has(event.id)) continue;
          // A smaller event later on the page may still fit; no further page is read once capped.
          if (marketCount + event.markets.length > maxMarkets) {
            capped = true;
            continue;
          }
          seenEvents.add(event.id);
          events.push(event);
          marketCount += event.markets.length;
        }
        yield { events, markets: events.flatMap((event) => event.markets), issues };
        if (capped || items.length < this.pageSize) return;
      }
      yield { events: [], markets: [], issues: [`gamma GET /events: stopped after ${this.maxPages} full pages; the catalogue may be incomplete`] };
    } finally {
      await pages.settle();
    }
  }

  /** Markets from `/markets` (offset paging) or `/markets/keyset` (cursor paging). */
  async fetchMarkets(opts: FetchMarketsOptions = {}): Promise<GammaMarketsPage> {
    const filters: Record<string, VenueQueryValue> = { ...opts.filters };
    if (opts.active !== undefined) filters['active'] = opts.active;
    if (opts.closed !== undefined) filters['closed'] = opts.closed;
    const maxMarkets = opts.maxMarkets ?? Number.POSITIVE_INFINITY;
    const state = { markets: [] as GammaMarket[], seen: new Set<string>(), issues: [] as string[] };
    const take = (items: unknown[], firstIndex: number): boolean => {
      for (const market of collect(items.map((item, i) => parseGammaMarket(item, firstIndex + i)), state.issues)) {
        if (state.seen.has(market.id)) continue;
        if (state.markets.length >= maxMarkets) return true;
        state.seen.add(market.id);
        state.markets.push(market);
      }
      return state.markets.length >= maxMarkets;
    };
    if (opts.paging === 'keyset') await this.pageKeyset(filters, take, state.issues);
    else await this.pageOffset(filters, take, state.issues);
    return { markets: state.markets, issues: state.issues };
  }

  private async pageOffset(filters: Record<string, VenueQueryValue>, take: (items: unknown[], first: number) => boolean, issues: string[]): Promise<void> {
    for (let page = 0; page < this.maxPages; page += 1) {
      const offset = page * this.pageSize;
      const items = await this.fetchArray('/markets', { ...filters, limit: this.pageSize, offset }, issues);
      if (items === null) return;
      if (take(items, offset) || items.length < this.pageSize) return;
    }
    issues.push(`gamma GET /markets: stopped after ${this.maxPages} full pages; the catalogue may be incomplete`);
  }

  private async pageKeyset(filters: Record<string, VenueQueryValue>, take: (items: unknown[], first: number) => boolean, issues: string[]): Promise<void> {
    let cursor: string | null = null;
    let taken = 0;
    for (let page = 0; page < this.maxPages; page += 1) {
      const query = { ...filters, limit: this.pageSize, ...(cursor === null ? {} : { after_cursor: cursor }) };
      const body = await this.fetchBody('/markets/keyset', query, issues);
      if (body === undefined) return;
      const result = parseKeysetPage(body);
      if (isParseIssue(result)) {
        issues.push(`gamma GET /markets/keyset page ${page + 1}: ${result.issue}; stopped paging`);
        return;
      }
      const keysetPage = result.value;
      if (take(keysetPage.items, taken)) return;
      taken += keysetPage.items.length;
      // A repeated cursor would loop forever; an empty one means the last page.
      if (keysetPage.next === null || keysetPage.next === cursor || keysetPage.items.length === 0) return;
      cursor = keysetPage.next;
    }
    issues.push(`gamma GET /markets/keyset: stopped after ${this.maxPages} pages; the catalogue may be incomplete`);
  }

  private async fetchBody(path: string, query: Record<string, VenueQueryValue>, issues: string[]): Promise<unknown> {
    try {
      return await this.options.http.getJson('gamma', this.options.baseUrl, path, query);
    } catch (error) {
      issues.push(`${describeError(error)}; stopped paging ${path} at ${describePosition(query)}`);
      return undefined;
    }
  }

  /** One page as an array, or null (with an issue) when the page could not be had. */
  private async fetchArray(path: string, query: Record<string, VenueQueryValue>, issues: string[]): Promise<unknown[] | null> {
    const body = await this.fetchBody(path, query, issues);
    if (body === undefined) return null;
    if (!Array.isArray(body)) {
      issues.push(`gamma GET ${path}: body at ${describePosition(query)} is not an array; stopped paging`);
      return null;
    }
    return body;
  }
}

function describePosition(query: Record<string, VenueQueryValue>): string {
  if ('offset' in query) return `offset ${String(query['offset'])}`;
  if ('after_cursor' in query) return `cursor ${String(query['after_cursor'])}`;
  return 'the first page';
}
