import {
  AssetType,
  ClobClient,
  getContractConfig,
  orderToJsonV2,
  OrderType as ClobOrderType,
  Side,
  type ApiKeyCreds,
  type SignedOrder,
  type TickSize,
} from '@polymarket/clob-client-v2';
import type { OrderBook, OrderRequest } from '@polybot/domain';
import { registerSecret } from '@polybot/observability';
import { TypedDataEncoder, Wallet } from 'ethers';
import { RateLimiter } from 'limiter';
import { NO_VENUE_CALL_RECORDER, type VenueCallRecorder } from '../http/venue-call.recorder';
import { POLYMARKET_RATE_LIMITS } from '../http/venue-rate-limits';
import { parseClobBook } from '../wire/clob-book.wire';
import { isParseIssue } from '../wire/parse-result';
import { ClobTradingError, safeReason } from './clob-trading.error';
import { l2Headers } from './l2-headers';
import type { BalanceAllowance, ClobCredentials, PostOrderAnswer, SignatureType, SignedClobOrder, VenueOrder, VenueTrade } from './clob-trading.types';
import { parseBalanceAllowance, parsePage, parsePostAnswer, parseVenueOrder, parseVenueTrade } from './clob-trading.wire';

export interface ClobTradingOptions {
  readonly clobUrl: string;
  readonly privateKey: string;
  readonly signatureType: SignatureType;
  /** The address holding the funds when it is not the signer (proxy and Safe wallets). */
  readonly funderAddress?: string;
  /** L2 credentials; derived from the private key (createOrDeriveApiKey) when absent. */
  readonly credentials?: ClobCredentials;
  readonly timeoutMs: number;
  readonly chainId?: number;
  readonly recorder?: VenueCallRecorder;
}

const POLYGON = 137;
const TICK_SIZES: readonly TickSize[] = ['0.1', '0.01', '0.005', '0.0025', '0.001', '0.0001'];
const END_CURSOR = 'LTE=';
const MAX_PAGES = 50;
/** The V2 order struct the exchange verifies (expiration is sent but not signed). */
const ORDER_STRUCT = {
  Order: [
    { name: 'salt', type: 'uint256' },
    { name: 'maker', type: 'address' },
    { name: 'signer', type: 'address' },
    { name: 'tokenId', type: 'uint256' },
    { name: 'makerAmount', type: 'uint256' },
    { name: 'takerAmount', type: 'uint256' },
    { name: 'side', type: 'uint8' },
    { name: 'signatureType', type: 'uint8' },
    { name: 'timestamp', type: 'uint256' },
    { name: 'metadata', type: 'bytes32' },
    { name: 'builder', type: 'bytes32' },
  ],
};

interface CallOptions {
  readonly query?: Readonly<Record<string, string | number>>;
  readonly body?: unknown;
  /** A route name for errors and metrics when the path carries an id. */
  readonly route?: string;
  /** A public read: no L2 headers. */
  readonly anonymous?: boolean;
}

function tickSizeOf(tick: number): TickSize {
  const found = TICK_SIZES.find((t) => Number(t) === tick);
  if (!found) throw new Error(`tick size ${tick} is not one the CLOB accepts (${TICK_SIZES.join(', ')})`);
  return found;
}

type TypedFields = Record<string, { name: string; type: string }[]>;
/** The ethers-v5 signer shape the client detects by `_signTypedData`. */
interface ClobSigner {
  getAddress(): Promise<string>;
  _signTypedData(domain: Record<string, unknown>, types: TypedFields, value: Record<string, unknown>): Promise<string>;
}

/** Digest of each order signature just made, by signature: the order's EIP-712 hash, not computed twice. */
type OrderDigests = Map<string, string>;
const MAX_PENDING_DIGESTS = 64;

/**
 * The client wants the ethers-v5 `_signTypedData` shape. It signs the EIP-712 digest directly:
 * exactly what ethers v6 `wallet.signTypedData` does once ENS names are resolved (order fields are
 * addresses, never names; a name would fail the hash rather than be signed), so the signature is
 * byte-identical (deterministic RFC 6979), at about half the cost, and an order's digest is kept.
 */
function ethersV5Adapter(wallet: Wallet, digests: OrderDigests): ClobSigner {
  return {
    getAddress: () => Promise.resolve(wallet.address),
    _signTypedData: (domain, types, value) => {
      const digest = TypedDataEncoder.hash(domain, types, value);
      const signature = wallet.signingKey.sign(digest).serialized;
      if ('Order' in types && !('TypedDataSign' in types)) {
        if (digests.size >= MAX_PENDING_DIGESTS) digests.clear();
        digests.set(signature, digest);
      }
      return Promise.resolve(signature);
    },
  };
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number, endpoint: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClobTradingError(endpoint, null, `timed out after ${timeoutMs} ms`, true)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The one adapter over `@polymarket/clob-client-v2`: it signs orders (EIP-712, V2 exchange) and
 * makes the authenticated CLOB calls with the client's L2 headers (l2Headers), each with a timeout. Errors name the
 * endpoint and status only; the key, API secret and passphrase are registered for scrubbing
 * before anything else happens.
 */
export class ClobTradingClient {
  private readonly bookBudget = new RateLimiter({
    tokensPerInterval: POLYMARKET_RATE_LIMITS.clob.routes['/book'].maxPerWindow,
    interval: POLYMARKET_RATE_LIMITS.clob.routes['/book'].windowMs,
  });

  private constructor(
    private readonly options: ClobTradingOptions,
    private readonly wallet: Wallet,
    private readonly client: ClobClient,
    private readonly creds: ApiKeyCreds,
    private readonly digests: OrderDigests,
  ) {}

  static async connect(options: ClobTradingOptions): Promise<ClobTradingClient> {
    registerSecret(options.privateKey);
    registerSecret(options.privateKey.replace(/^0x/, ''));
    for (const value of Object.values(options.credentials ?? {})) registerSecret(value);
    let wallet: Wallet;
    try {
      wallet = new Wallet(options.privateKey);
    } catch {
      throw new Error('POLYBOT_POLYGON_PRIVATE_KEY is not a valid private key');
    }
    const digests: OrderDigests = new Map();
    const signer = ethersV5Adapter(wallet, digests);
    const base = { host: options.clobUrl.replace(/\/+$/, ''), chain: options.chainId ?? POLYGON, signer, signatureType: options.signatureType, funderAddress: options.funderAddress, throwOnError: true };
    let creds: ApiKeyCreds | undefined = options.credentials;
    if (!creds) {
      const derived = await withTimeout(new ClobClient(base).createOrDeriveApiKey(), options.timeoutMs, 'clob POST /auth/api-key').catch((error: unknown) => {
        throw new ClobTradingError('clob POST /auth/api-key', null, `could not derive API credentials: ${safeReason(error)}`, false);
      });
      if (!derived?.key || !derived.secret || !derived.passphrase) throw new ClobTradingError('clob POST /auth/api-key', null, 'the venue returned no API credentials', false);
      creds = { key: derived.key, secret: derived.secret, passphrase: derived.passphrase };
      for (const value of Object.values(creds)) registerSecret(value);
    }
    return new ClobTradingClient(options, wallet, new ClobClient({ ...base, creds }), creds, digests);
  }

  /** The EOA that signs orders. */
  get signerAddress(): string {
    return this.wallet.address;
  }

  /** The address whose funds orders spend: the funder when set, else the signer. */
  get makerAddress(): string {
    return this.options.funderAddress ?? this.wallet.address;
  }

  /** Every call, an order post included, is aborted this long after it starts. */
  get requestTimeoutMs(): number {
    return this.options.timeoutMs;
  }

  /**
   * Signs the limit order for an OrderRequest: its tick size and neg-risk flag (the market's, as
   * the ingestor saw it) pick the rounding and the exchange; GTD orders expire at `expiresAt`.
   */
  async signOrder(order: OrderRequest, opts: { readonly expiresAt?: Date } = {}): Promise<SignedClobOrder> {
    const tickSize = tickSizeOf(order.tickSize);
    // Pre-filled caches: the client would otherwise ask the venue for these before signing.
    this.client.tickSizes[order.tokenId] = tickSize;
    this.client.negRisk[order.tokenId] = order.negRisk;
    const expiration = order.orderType === 'GTD' && opts.expiresAt ? Math.floor(opts.expiresAt.getTime() / 1000) : undefined;
    let signed: SignedOrder;
    try {
      signed = await this.client.createOrder(
        { tokenID: order.tokenId, price: order.price, size: order.size, side: order.side === 'BUY' ? Side.BUY : Side.SELL, ...(expiration === undefined ? {} : { expiration }) },
        { tickSize, negRisk: order.negRisk, version: 2 },
      );
    } catch (error) {
      throw new Error(`could not sign the order for intent ${order.intentId}: ${safeReason(error)}`);
    }
    if (!('timestamp' in signed)) throw new Error(`could not sign the order for intent ${order.intentId}: the client built a V1 order`);
    const v2 = signed as Extract<SignedOrder, { timestamp: unknown }>;
    const orderHash = this.takeDigest(v2.signature) ?? this.orderHashOf(v2, order.negRisk);
    return {
      salt: signed.salt, maker: signed.maker, signer: signed.signer, taker: '0x0000000000000000000000000000000000000000', tokenId: signed.tokenId,
      makerAmount: signed.makerAmount, takerAmount: signed.takerAmount, side: signed.side === Side.BUY ? 'BUY' : 'SELL', signatureType: signed.signatureType,
      timestamp: String(signed.timestamp), expiration: String(signed.expiration ?? '0'), metadata: String(signed.metadata), builder: String(signed.builder), signature: signed.signature,
      orderHash, orderType: order.orderType, negRisk: order.negRisk,
    };
  }

  private takeDigest(signature: string): string | undefined {
    const digest = this.digests.get(signature);
    this.digests.delete(signature);
    return digest;
  }

  /** The EIP-712 hash of a V2 order: the venue's order id. */
  private orderHashOf(signed: Extract<SignedOrder, { timestamp: unknown }>, negRisk: boolean): string {
    const contracts = getContractConfig(this.options.chainId ?? POLYGON);
    const domain = { name: 'Polymarket CTF Exchange', version: '2', chainId: this.options.chainId ?? POLYGON, verifyingContract: negRisk ? contracts.negRiskExchangeV2 : contracts.exchangeV2 };
    return TypedDataEncoder.hash(domain, ORDER_STRUCT, {
      salt: signed.salt, maker: signed.maker, signer: signed.signer, tokenId: signed.tokenId, makerAmount: signed.makerAmount, takerAmount: signed.takerAmount,
      side: signed.side === Side.BUY ? 0 : 1, signatureType: signed.signatureType, timestamp: signed.timestamp, metadata: signed.metadata, builder: signed.builder,
    });
  }

  /** Posts a stored signed order as it is (never re-signed). Ambiguous failures (timeout, 5xx) throw with `ambiguous: true`. */
  async postSignedOrder(order: SignedClobOrder): Promise<PostOrderAnswer> {
    const signed = {
      salt: order.salt, maker: order.maker, signer: order.signer, taker: order.taker, tokenId: order.tokenId, makerAmount: order.makerAmount,
      takerAmount: order.takerAmount, side: order.side === 'BUY' ? Side.BUY : Side.SELL, signatureType: order.signatureType, timestamp: order.timestamp,
      expiration: order.expiration, metadata: order.metadata, builder: order.builder, signature: order.signature,
    } as unknown as Parameters<typeof orderToJsonV2>[0];
    const payload = orderToJsonV2(signed, this.creds.key, ClobOrderType[order.orderType]);
    return parsePostAnswer(await this.call('POST', '/order', { body: payload }));
  }

  /** The order, or null when the venue does not know it. */
  async getOrder(orderId: string): Promise<VenueOrder | null> {
    try {
      const body = await this.call('GET', `/data/order/${orderId}`, { route: '/data/order/{id}' });
      if (body === null || body === '' || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0)) return null;
      return parseVenueOrder(body);
    } catch (error) {
      if (error instanceof ClobTradingError && error.status === 404) return null;
      throw error;
    }
  }

  async getOpenOrders(filter: { readonly tokenId?: string; readonly id?: string } = {}): Promise<VenueOrder[]> {
    const query = { ...(filter.tokenId ? { asset_id: filter.tokenId } : {}), ...(filter.id ? { id: filter.id } : {}) };
    return (await this.pages('/data/orders', query)).map(parseVenueOrder);
  }

  /** The account's trades; `after` keeps those matched later (the venue compares whole seconds). */
  async getTrades(filter: { readonly tokenId?: string; readonly id?: string; readonly after?: Date } = {}): Promise<VenueTrade[]> {
    const query = {
      ...(filter.tokenId ? { asset_id: filter.tokenId } : {}),
      ...(filter.id ? { id: filter.id } : {}),
      ...(filter.after ? { after: String(Math.floor(filter.after.getTime() / 1000)) } : {}),
    };
    return (await this.pages('/data/trades', query)).map(parseVenueTrade);
  }

  /** Cancels the order's unfilled remainder; true when the venue confirmed it. */
  async cancelOrder(orderId: string): Promise<boolean> {
    const body = await this.call('DELETE', '/order', { body: { orderID: orderId } });
    const canceled = typeof body === 'object' && body !== null && 'canceled' in body && Array.isArray(body.canceled) ? body.canceled : [];
    return canceled.includes(orderId);
  }

  /**
   * One token's book by a plain GET /book, paced by the venue's published /book limit with a
   * token bucket (`limiter`, microseconds a call) rather than VenueHttp's Bottleneck chain, whose
   * scheduling costs ~4.6 ms per limiter per call even when idle (Bottleneck issue #144; measured 9 ms chained).
   */
  async getBook(tokenId: string): Promise<OrderBook> {
    await this.bookBudget.removeTokens(1);
    const result = parseClobBook(await this.call('GET', '/book', { query: { token_id: tokenId }, anonymous: true }), 0);
    if (isParseIssue(result)) throw new ClobTradingError('clob GET /book', null, result.issue, false);
    if (result.value.tokenId !== tokenId) throw new ClobTradingError('clob GET /book', null, `answered the book of token ${result.value.tokenId}, not ${tokenId}`, false);
    return result.value;
  }

  /** pUSD (COLLATERAL) or an outcome token's (CONDITIONAL) balance and allowances, in units. */
  async getBalanceAllowance(asset: { readonly type: 'COLLATERAL' } | { readonly type: 'CONDITIONAL'; readonly tokenId: string }): Promise<BalanceAllowance> {
    const query: Record<string, string | number> = asset.type === 'COLLATERAL'
      ? { asset_type: AssetType.COLLATERAL, signature_type: this.options.signatureType }
      : { asset_type: AssetType.CONDITIONAL, token_id: asset.tokenId, signature_type: this.options.signatureType };
    return parseBalanceAllowance(await this.call('GET', '/balance-allowance', { query }));
  }

  /** The exchange contract an order is signed for, which is also the spender its allowance must cover. */
  exchangeAddress(negRisk: boolean): string {
    const contracts = getContractConfig(this.options.chainId ?? POLYGON);
    return negRisk ? contracts.negRiskExchangeV2 : contracts.exchangeV2;
  }

  /** Credentials for the user websocket channel (kept in memory; never logged). */
  get wsAuth(): { readonly apiKey: string; readonly secret: string; readonly passphrase: string } {
    return { apiKey: this.creds.key, secret: this.creds.secret, passphrase: this.creds.passphrase };
  }

  private async pages(path: string, query: Record<string, string>): Promise<unknown[]> {
    const rows: unknown[] = [];
    let cursor: string | null = 'MA==';
    for (let page = 0; cursor !== null && cursor !== END_CURSOR && page < MAX_PAGES; page += 1) {
      const parsed = parsePage(await this.call('GET', path, { query: { ...query, next_cursor: cursor } }), `GET ${path}`);
      rows.push(...parsed.data);
      cursor = parsed.nextCursor;
    }
    return rows;
  }

  private async call(method: 'GET' | 'POST' | 'DELETE', path: string, opts: CallOptions = {}): Promise<unknown> {
    const endpoint = `clob ${method} ${opts.route ?? path}`;
    const bodyText = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const started = performance.now();
    const url = new URL(this.options.clobUrl.replace(/\/+$/, '') + path);
    for (const [key, value] of Object.entries(opts.query ?? {})) url.searchParams.set(key, String(value));
    let status: number | null = null;
    try {
      const headers = opts.anonymous ? {} : l2Headers(this.wallet.address, this.creds, { method, requestPath: path, ...(bodyText === undefined ? {} : { body: bodyText }) });
      const response = await fetch(url, {
        method,
        headers: { ...headers, accept: 'application/json', ...(bodyText === undefined ? {} : { 'content-type': 'application/json' }) },
        body: bodyText,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = response.status;
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        // Not JSON: reported by status below.
      }
      if (!response.ok) throw new ClobTradingError(endpoint, status, errorText(parsed), status >= 500);
      this.record(endpoint, true, status, started);
      return parsed;
    } catch (error) {
      const failure = error instanceof ClobTradingError ? error : networkFailure(endpoint, error, this.options.timeoutMs);
      this.record(endpoint, false, failure.status ?? status, started, failure.message);
      throw failure;
    }
  }

  private record(endpoint: string, ok: boolean, status: number | null, started: number, error?: string): void {
    try {
      (this.options.recorder ?? NO_VENUE_CALL_RECORDER).record({ endpoint, ok, status, durationMs: Math.round(performance.now() - started), ...(error === undefined ? {} : { error }) });
    } catch {
      // A failing recorder must not change a venue answer.
    }
  }
}

function errorText(body: unknown): string {
  if (typeof body === 'string') return body.startsWith('<') ? '' : body;
  if (typeof body === 'object' && body !== null) {
    for (const key of ['error', 'errorMsg', 'message']) {
      const value = (body as Record<string, unknown>)[key];
      if (typeof value === 'string') return value;
    }
  }
  return '';
}

/** No answer: the request may or may not have reached the venue, so the outcome is unknown. */
function networkFailure(endpoint: string, error: unknown, timeoutMs: number): ClobTradingError {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  if (name === 'TimeoutError' || name === 'AbortError') return new ClobTradingError(endpoint, null, `timed out after ${timeoutMs} ms`, true);
  return new ClobTradingError(endpoint, null, `network error: ${safeReason(error)}`, true);
}
