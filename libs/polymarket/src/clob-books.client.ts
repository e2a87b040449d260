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

export interface BooksFetch {
  readonly books: Map<string, OrderBook>;
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
    const unique = [...new Set(tokenIds)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += this.batchSize) batches.push(unique.slice(i, i + this.batchSize));

    // Concurrent on purpose: the rate limiter in VenueHttp is what paces them.
    const results = await Promise.all(batches.map((batch, index) => this.fetchBatch(batch, index, batches.length)));
    const books = new Map<string, OrderBook>();
    const issues: string[] = [];
    for (const result of results) {
      issues.push(...result.issues);
      for (const book of result.books) books.set(book.tokenId, book);
    }
    return { books, issues };
  }

  private async fetchBatch(tokenIds: string[], index: number, total: number): Promise<{ books: OrderBook[]; issues: string[] }> {
    const where = `clob POST /books batch ${index + 1}/${total} (${tokenIds.length} tokens)`;
    let body: unknown;
    try {
      body = await this.options.http.postJson('clob', this.options.baseUrl, '/books', tokenIds.map((token_id) => ({ token_id })));
    } catch (error) {
      return { books: [], issues: [`${where} failed, no books for its ${tokenIds.length} tokens: ${describeError(error)}`] };
    }
    if (!Array.isArray(body)) return { books: [], issues: [`${where}: body is not an array; no books for its ${tokenIds.length} tokens`] };

    const requested = new Set(tokenIds);
    const books: OrderBook[] = [];
    const issues: string[] = [];
    body.forEach((item, i) => {
      const result = parseClobBook(item, i);
      if (isParseIssue(result)) {
        issues.push(result.issue);
        return;
      }
      issues.push(...result.warnings);
      if (requested.has(result.value.tokenId)) books.push(result.value);
      else issues.push(`${where}: ignored a book for token ${result.value.tokenId}, which was not asked for`);
    });
    const answered = new Set(body.map((item) => (typeof item === 'object' && item !== null && 'asset_id' in item ? item.asset_id : undefined)));
    const missing = tokenIds.filter((tokenId) => !answered.has(tokenId));
    if (missing.length > 0) issues.push(`${where}: no book returned for ${missing.length} of its tokens (first: ${missing[0]})`);
    return { books, issues };
  }
}
