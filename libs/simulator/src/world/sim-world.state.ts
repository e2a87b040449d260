import { marketBooks } from './token-book.builder';
import type { Prng } from './seeded.prng';
import type { Mills, SimEvent, SimMarket, WorldChange, WorldListener } from './world.types';

export interface TokenRef {
  readonly market: SimMarket;
  readonly outcomeIndex: 0 | 1;
}

/**
 * The simulated venue's state: events, markets and their books, plus the clock the books are
 * stamped with. Every book change goes through `mutateBook` so websocket subscribers hear of it.
 */
export class SimWorld {
  readonly events = new Map<string, SimEvent>();
  readonly markets = new Map<string, SimMarket>();
  private readonly byCondition = new Map<string, SimMarket>();
  private readonly byToken = new Map<string, TokenRef>();
  private readonly listeners = new Set<WorldListener>();
  private staleSince: number | null = null;
  private eventSeq = 30_000;
  private marketSeq = 550_000;
  private added = 0;

  constructor(
    readonly seed: number,
    /** Generation-time clock: end dates are relative to it. */
    readonly createdAtMs: number,
    /** Drives the random walk; continues the generator's stream so a seed fixes everything. */
    readonly prng: Prng,
    private readonly clock: () => number = Date.now,
  ) {}

  addEvent(event: SimEvent, markets: readonly SimMarket[]): void {
    this.added += 1;
    this.events.set(event.id, event);
    for (const market of markets) {
      this.markets.set(market.id, market);
      this.byCondition.set(market.conditionId, market);
      market.tokenIds.forEach((tokenId, i) => this.byToken.set(tokenId, { market, outcomeIndex: i as 0 | 1 }));
    }
  }

  /** Changes whenever events or markets are added (nothing is ever removed): what a cached listing is valid for. */
  get catalogueVersion(): number {
    return this.added;
  }

  nextEventId(): string {
    this.eventSeq += 1;
    return String(this.eventSeq);
  }

  nextMarketId(): string {
    this.marketSeq += 1;
    return String(this.marketSeq);
  }

  onChange(listener: WorldListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A failing subscriber (say, a websocket that just died) must not stop the model. */
  emit(change: WorldChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        process.stderr.write(`${JSON.stringify({ msg: 'simulator world listener failed', error: String(err) })}\n`);
      }
    }
  }

  token(tokenId: string): TokenRef | undefined {
    return this.byToken.get(tokenId);
  }

  marketByCondition(conditionId: string): SimMarket | undefined {
    return this.byCondition.get(conditionId);
  }

  marketsOf(event: SimEvent): SimMarket[] {
    return event.marketIds.map((id) => this.markets.get(id)).filter((m): m is SimMarket => m !== undefined);
  }

  eventOf(market: SimMarket): SimEvent | undefined {
    return this.events.get(market.eventId);
  }

  /** Epoch ms stamped on books; frozen while books are stale. */
  bookTimestamp(): number {
    return this.staleSince ?? this.clock();
  }

  now(): number {
    return this.clock();
  }

  get stale(): boolean {
    return this.staleSince !== null;
  }

  setStale(on: boolean): void {
    if (on && this.staleSince === null) this.staleSince = this.clock();
    if (!on) this.staleSince = null;
  }

  mutateBook(market: SimMarket, change: (market: SimMarket) => void): void {
    const before = marketBooks(market);
    change(market);
    this.emit({ kind: 'book', market, before });
  }

  setTickSize(market: SimMarket, tickMills: Mills): void {
    if (market.tickMills === tickMills) return;
    const oldTickMills = market.tickMills;
    market.tickMills = tickMills;
    this.emit({ kind: 'tick_size', market, oldTickMills });
  }

  counts(): { events: number; markets: number; tokens: number; negRiskEvents: number; frozenEvents: number; closedMarkets: number } {
    const events = [...this.events.values()];
    const markets = [...this.markets.values()];
    return {
      events: events.length,
      markets: markets.length,
      tokens: this.byToken.size,
      negRiskEvents: events.filter((e) => e.negRisk).length,
      frozenEvents: events.filter((e) => e.frozen).length,
      closedMarkets: markets.filter((m) => m.closed).length,
    };
  }
}
