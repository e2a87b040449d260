import type { Settings } from '@polybot/config';
import type { Logger } from '@polybot/observability';
import type { ExecutionRepository, FillRepository, MarketRepository, SignedOrderRepository } from '@polybot/persistence';
import { connectOnce, type ClobBookClient, type VenueCallRecorder } from '@polybot/polymarket';
import { ClobTradingClient, RedeemPositionsSender, UserChannelWatcher } from '@polybot/polymarket/trading';
import type { Clock } from '@polybot/runtime';
import { LiveClaim } from './live-claim';
import { LiveOrderFollower } from './live-order.follower';
import { LiveOrderPlacer } from './live-order.placer';
import { LiveVenue } from './live.venue';

export interface LiveVenueSources {
  readonly books: ClobBookClient;
  readonly fills: FillRepository;
  readonly executions: ExecutionRepository;
  readonly signedOrders: SignedOrderRepository;
  readonly markets: MarketRepository;
  readonly recorder: VenueCallRecorder;
  readonly logger: Logger;
  readonly clock: Clock;
}

const POLL_INTERVAL_MS = 2000;

/** The live CLOB venue from the settings; connecting (and deriving API credentials) waits for the first order. */
export function buildLiveVenue(settings: Settings, sources: LiveVenueSources): LiveVenue {
  const privateKey = settings.polygonPrivateKey;
  if (!privateKey) throw new Error('POLYBOT_POLYGON_PRIVATE_KEY is required when POLYBOT_DRY_RUN=false');
  const { clobApiKey: key, clobApiSecret: secret, clobPassphrase: passphrase } = settings;
  const credentials = key && secret && passphrase ? { key, secret, passphrase } : undefined;
  const trading = connectOnce(() =>
    ClobTradingClient.connect({
      clobUrl: settings.clobApiUrl,
      privateKey,
      signatureType: settings.signatureType,
      funderAddress: settings.funderAddress,
      credentials,
      timeoutMs: settings.httpTimeoutMs,
      recorder: sources.recorder,
    }),
  );
  let redeemer: RedeemPositionsSender | null = null;
  const logger = sources.logger.child({ venue: 'live' });
  const userChannel = new UserChannelWatcher({ wsUrl: settings.clobWsUrl, auth: async () => (await trading()).wsAuth, onIssue: (issue) => logger.warn(issue) });
  return new LiveVenue({
    trading,
    books: sources.books,
    signedOrders: sources.signedOrders,
    executions: sources.executions,
    fills: sources.fills,
    placer: new LiveOrderPlacer(sources.signedOrders, logger),
    follower: new LiveOrderFollower(sources.clock, logger, { pollIntervalMs: POLL_INTERVAL_MS, wake: (orderId, ms) => userChannel.wake(orderId, ms) }),
    claims: new LiveClaim(
      () => (redeemer ??= new RedeemPositionsSender({ rpcUrl: settings.polygonRpcUrl, privateKey, receiptTimeoutMs: Math.max(settings.httpTimeoutMs, 60_000) })),
      sources.executions,
      sources.fills,
      sources.markets,
      sources.clock,
    ),
    maxSlippage: settings.maxSlippage,
    close: () => {
      userChannel.close();
      redeemer?.destroy();
    },
    clock: sources.clock,
    logger,
  });
}
