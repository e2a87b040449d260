import type { OrderBook } from '@polybot/domain';
import { describeError } from './http/venue-errors';
import type { VenueHttp } from './http/venue-http';
import { parseClobBook } from './wire/clob-book.wire';
import { isParseIssue } from './wire/parse-result';

export interface ClobBookClientOptions {
  readonly baseUrl: string;
  readonly http: VenueHttp;
  /** Tokens per `POST /books` call; the venue accepts at most 500. */
  readonly batchSize?: number;
}

export interface BooksFetch<T = OrderBook> {
  readonly books: Map<string, T>;
  readonly issues: string[];
}

const DEFAULT_BATCH_SIZE = 100;
export const MAX_BOOKS_BATCH_SIZE = 500;

/** Reads order books from the CLOB. A failed batch becomes an issue; the other batches still count. */
export class ClobBookClient {
  private readonly batchSize: number;

  constructor(private readonly options: ClobBookClientOptions) {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize <= 0 || batchSize > MAX_BOOKS_BATCH_SIZE) {
      throw new Error(`ClobBookClient batchSize must be an integer in 1..${MAX_BOOKS_BATCH_SIZE} (got ${batchSize})`);
    }
    this.batchSize = batchSize;
  }

  async fetchBooks(tokenIds: readonly string[]): Promise<BooksFetch> {
    return this.fetchBooksAs(tokenIds, (book) => book);
  }

  /**
   * The books converted batch by batch as they arrive (e.g. to CompactBook), so a cycle never holds
   * every book of the universe as parsed objects. Keyed by the caller's own token id strings.
   */
  async fetchBooksAs<T>(tokenIds: readonly string[], convert: (book: OrderBook) => T): Promise<BooksFetch<T>> {
    const unique = [...new Set(tokenIds)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += this.batchSize) batches.push(unique.slice(i, i + this.batchSize));

    // Concurrent on purpose: the rate limiter in VenueHttp is what paces them.
    const books = new Map<string, T>();
    const issues = await Promise.all(
      batches.map(async (batch, index) => {
        const result = await this.fetchBatch(batch, index, batches.length);
        for (const [tokenId, book] of result.books) books.set(tokenId, convert(book));
        return result.issues;
      }),
    );
    return { books, issues: issues.flat() };
  }

  private async fetchBatch(tokenIds: string[], index: number, total: number): Promise<{ books: Map<string, OrderBook>; issues: string[] }> {
    const where = `clob POST /books batch ${index + 1}/${total} (${tokenIds.length} tokens)`;
    let body: unknown;
    try {
      body = await this.options.http.postJson('clob', this.options.baseUrl, '/books', tokenIds.map((token_id) => ({ token_id })));
    } catch (error) {
      return { books: new Map(), issues: [`${where} failed, no books for its ${tokenIds.length} tokens: ${describeError(error)}`] };
    }
    if (!Array.isArray(body)) return { books: new Map(), issues: [`${where}: body is not an array; no books for its ${tokenIds.length} tokens`] };

    const requested = new Map(tokenIds.map((tokenId) => [tokenId, tokenId]));
    const books = new Map<string, OrderBook>();
    const issues: string[] = [];
    body.forEach((item, i) => {
      const result = parseClobBook(item, i);
      if (isParseIssue(result)) {
        issues.push(result.issue);
        return;
      }
      issues.push(...result.warnings);
      const tokenId = requested.get(result.value.tokenId);
      if (tokenId !== undefined) books.set(tokenId, result.value);
      else issues.push(`${where}: ignored a book for token ${result.value.tokenId}, which was not asked for`);
    });
    const answered = new Set(body.map((item) => (typeof item === 'object' && item !== null && 'asset_id' in item ? item.asset_id : undefined)));
    const missing = tokenIds.filter((tokenId) => !answered.has(tokenId));
    if (missing.length > 0) issues.push(`${where}: no book returned for ${missing.length} of its tokens (first: ${missing[0]})`);
    return { books, issues };
  }
}
