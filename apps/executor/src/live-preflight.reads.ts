import type { Intent, OrderBook } from '@polybot/domain';
import type { BalanceAllowance, ClobBookClient } from '@polybot/polymarket';
import type { ClobTradingClient } from '@polybot/polymarket/trading';

/** A read's outcome, kept so that a read nobody waits for (the intent was refused) never rejects unhandled. */
type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
}

async function unwrap<T>(settled: Promise<Settled<T>>): Promise<T> {
  const result = await settled;
  if (!result.ok) throw result.error;
  return result.value;
}

export interface BookRead {
  readonly book: OrderBook | undefined;
  readonly issues: readonly string[];
}

export interface PreflightSources {
  readonly trading: () => Promise<ClobTradingClient>;
  readonly books: ClobBookClient;
}

/**
 * What a live order's pre-flight reads, started as soon as the intent is known (its token and
 * side are the order's): the connection, the book, the funds. They run while the executor
 * re-checks the risk rules; nothing is sent. Each is awaited where the sequential pre-flight
 * awaited it, so refusals keep their order and their text.
 */
export class LivePreflightReads {
  private constructor(
    readonly tokenId: string,
    readonly side: Intent['side'],
    private readonly connection: Promise<Settled<ClobTradingClient>>,
    private readonly bookRead: Promise<Settled<BookRead>>,
    private readonly funds: Promise<Settled<BalanceAllowance>>,
  ) {}

  static start(src: PreflightSources, order: { readonly tokenId: string; readonly side: Intent['side'] }): LivePreflightReads {
    const connecting = src.trading();
    // The fast read first; if it fails, the rate-limited, retried POST /books decides (and names the problem).
    const book = connecting
      .then(async (trading): Promise<BookRead> => ({ book: await trading.getBook(order.tokenId), issues: [] }))
      .catch(async () => src.books.fetchBooks([order.tokenId]).then(({ books, issues }) => ({ book: books.get(order.tokenId), issues })));
    const asset = order.side === 'BUY' ? ({ type: 'COLLATERAL' } as const) : ({ type: 'CONDITIONAL', tokenId: order.tokenId } as const);
    const funds = connecting.then((trading) => trading.getBalanceAllowance(asset));
    return new LivePreflightReads(order.tokenId, order.side, settle(connecting), settle(book), settle(funds));
  }

  /** True when these reads are the ones this order needs. */
  serves(order: { readonly tokenId: string; readonly side: Intent['side'] }): boolean {
    return order.tokenId === this.tokenId && order.side === this.side;
  }

  trading(): Promise<ClobTradingClient> {
    return unwrap(this.connection);
  }

  book(): Promise<BookRead> {
    return unwrap(this.bookRead);
  }

  balance(): Promise<BalanceAllowance> {
    return unwrap(this.funds);
  }
}
