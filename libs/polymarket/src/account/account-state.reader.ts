import { describeError } from '../http/venue-errors';
import type { ClobTradingClient } from '../trading/clob-trading.client';
import type { BalanceAllowance, VenueOrder } from '../trading/clob-trading.types';
import { parseDataApiPositions, type DataApiPosition } from './data-api-position.wire';

/** The live account as the venue reports it; whatever could not be read is named in `unavailable`. */
export interface AccountState {
  readonly positions: readonly DataApiPosition[];
  readonly openOrders: readonly VenueOrder[];
  readonly balances: { readonly collateral?: BalanceAllowance };
  readonly unavailable: readonly string[];
}

export interface AccountStateReaderOptions {
  readonly dataApiUrl: string;
  /** The wallet whose positions are tracked (the funder for proxy wallets). */
  readonly walletAddress: string | null;
  /** Null when no signing key is configured: open orders and balances then read as unavailable. */
  readonly trading: (() => Promise<ClobTradingClient>) | null;
  readonly timeoutMs: number;
}

/**
 * Reads positions (Data API), open orders and pUSD balance/allowance (authenticated CLOB) once per
 * cycle. Each part fails alone: an endpoint that errors or does not exist is listed in
 * `unavailable` with the reason, and the rest is still returned.
 */
export class AccountStateReader {
  constructor(private readonly options: AccountStateReaderOptions) {}

  async read(): Promise<AccountState> {
    const [positions, openOrders, collateral] = await Promise.allSettled([
      this.positions(),
      this.withTrading((t) => t.getOpenOrders()),
      this.withTrading((t) => t.getBalanceAllowance({ type: 'COLLATERAL' })),
    ]);
    const unavailable: string[] = [];
    const value = <T>(name: string, result: PromiseSettledResult<T>): T | undefined => {
      if (result.status === 'fulfilled') return result.value;
      unavailable.push(`${name}: ${describeError(result.reason)}`);
      return undefined;
    };
    const held = value('positions', positions);
    const open = value('openOrders', openOrders);
    const funds = value('balances', collateral);
    return { positions: held ?? [], openOrders: open ?? [], balances: funds ? { collateral: funds } : {}, unavailable };
  }

  private async withTrading<T>(read: (trading: ClobTradingClient) => Promise<T>): Promise<T> {
    if (!this.options.trading) throw new Error('no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)');
    return read(await this.options.trading());
  }

  private async positions(): Promise<DataApiPosition[]> {
    const user = this.options.walletAddress;
    if (!user) throw new Error('no wallet address configured (POLYBOT_POLYMARKET_WALLET_ADDRESS or POLYBOT_FUNDER_ADDRESS)');
    const url = new URL(`${this.options.dataApiUrl.replace(/\/+$/, '')}/positions`);
    url.searchParams.set('user', user);
    url.searchParams.set('limit', '500');
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : '';
      throw new Error(`data GET /positions: ${name === 'TimeoutError' ? `timed out after ${this.options.timeoutMs} ms` : 'network error'}`);
    }
    if (!response.ok) throw new Error(`data GET /positions: HTTP ${response.status}`);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new Error('data GET /positions: body is not JSON');
    }
    const { positions, issues } = parseDataApiPositions(body);
    if (issues.length > 0 && positions.length === 0) throw new Error(issues[0]);
    return positions;
  }
}
