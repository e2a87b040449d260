import { withDefault } from '../setting-definition';
import { booleanKind, numberKind, urlKind } from '../setting-kind';

const group = 'Venue';
const restUrl = urlKind({ protocols: ['http', 'https'], stripTrailingSlash: true });
const pageSize = numberKind({ min: 1, max: 500, integer: true });

export const VENUE_SETTINGS = {
  gammaApiUrl: withDefault('POLYBOT_GAMMA_API_URL', restUrl, 'https://gamma-api.polymarket.com', {
    group,
    description: 'Gamma REST API (events and markets)',
  }),
  clobApiUrl: withDefault('POLYBOT_CLOB_API_URL', restUrl, 'https://clob.polymarket.com', {
    group,
    description: 'CLOB REST API (books, prices, orders)',
  }),
  clobWsUrl: withDefault('POLYBOT_CLOB_WS_URL', urlKind({ protocols: ['ws', 'wss'], stripTrailingSlash: true }), 'wss://ws-subscriptions-clob.polymarket.com/ws', {
    group,
    description: 'CLOB websocket base; the market and user channels are paths below it',
  }),
  streaming: withDefault('POLYBOT_STREAMING', booleanKind(), 'true', {
    group,
    description: 'keep books live from the market websocket between ingest cycles; false = REST cycles only',
  }),
  wsSilenceSeconds: withDefault('POLYBOT_WS_SILENCE_SECONDS', numberKind({ min: 0, aboveMin: true, unit: 'seconds' }), '30', {
    group,
    description: 'a websocket connection with no message for this long is treated as dead and reconnected',
  }),
  booksResyncCycles: withDefault('POLYBOT_BOOKS_RESYNC_CYCLES', numberKind({ min: 1, integer: true, unit: 'cycles' }), '30', {
    group,
    description: "with streaming on, every this many ingest cycles all books are re-read over REST and correct the stream's own where it drifted from the venue; other cycles read only books the stream does not keep live",
  }),
  dataApiUrl: withDefault('POLYBOT_DATA_API_URL', restUrl, 'https://data-api.polymarket.com', {
    group,
    description: 'Data API (positions, activity)',
  }),
  polygonRpcUrl: withDefault('POLYBOT_POLYGON_RPC_URL', restUrl, 'https://polygon-rpc.com', {
    group,
    description: 'Polygon JSON-RPC endpoint (balances, redemptions); status output shows only scheme://host, as providers put the API key in the path or query',
    keyInUrl: true,
  }),
  httpTimeoutMs: withDefault('POLYBOT_HTTP_TIMEOUT_MS', numberKind({ min: 1, integer: true, unit: 'milliseconds' }), '10000', {
    group,
    description: 'timeout for one HTTP call to the venue',
  }),
  httpMaxRetries: withDefault('POLYBOT_HTTP_MAX_RETRIES', numberKind({ min: 0, max: 10, integer: true, unit: 'retries' }), '3', {
    group,
    description: 'retries (with backoff) after a failed idempotent venue call',
  }),
  booksBatchSize: withDefault('POLYBOT_BOOKS_BATCH_SIZE', pageSize, '100', {
    group,
    description: 'token ids per POST /books request',
  }),
  gammaPageSize: withDefault('POLYBOT_GAMMA_PAGE_SIZE', pageSize, '100', {
    group,
    description: 'items per Gamma page',
  }),
  gammaPagesInFlight: withDefault('POLYBOT_GAMMA_PAGES_IN_FLIGHT', numberKind({ min: 1, max: 16, integer: true, unit: 'pages' }), '4', {
    group,
    description: 'Gamma pages of open events requested ahead while one is read; 1 = one at a time',
  }),
  maxMarkets: withDefault('POLYBOT_MAX_MARKETS', numberKind({ min: 0, integer: true, unit: 'markets' }), '0', {
    group,
    description: 'stop after this many markets per cycle; 0 = no limit',
  }),
};
