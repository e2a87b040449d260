import type { Settings } from '@polybot/config';
import {
  bankrollFor,
  categoryOf,
  accountSnapshotMaxAgeMs,
  exposureOf,
  markLedger,
  type Bankroll,
  type Exposure,
  type Ledger,
  type MarketSnapshot,
  type MarkedLedger,
  type PortfolioState,
} from '@polybot/domain';
import type {
  AccountSnapshotRepository,
  ExecutionRepository,
  FillMode,
  FillRepository,
  IntentRepository,
  IntentWithoutChecks,
  MarketRepository,
} from '@polybot/persistence';
import { LedgerFold } from './ledger-fold';

const HOUR_MS = 3_600_000;

export interface PortfolioSources {
  readonly fills: FillRepository;
  readonly intents: IntentRepository;
  readonly markets: MarketRepository;
  readonly executions: ExecutionRepository;
  readonly accounts: AccountSnapshotRepository;
  readonly settings: Settings;
}

/** Everything the risk rules, the reports and the status need to know about the money, at one moment. */
export interface PortfolioView {
  readonly fillMode: FillMode;
  /** The bankroll's figure (see `bankrollBasis` for what it rests on). */
  readonly bankroll: number;
  readonly bankrollBasis: Bankroll;
  readonly ledger: Ledger;
  readonly marked: MarkedLedger;
  readonly exposure: Exposure;
  /** What the portfolio-wide risk checks read. */
  readonly state: PortfolioState;
  readonly openIntents: readonly IntentWithoutChecks[];
  readonly markets: ReadonlyMap<string, MarketSnapshot>;
  readonly at: Date;
}

/** Paper positions live in the paper ledger; everything else (dry run, live) in the live one. */
export function fillModeFor(settings: Pick<Settings, 'mode'>): FillMode {
  return settings.mode === 'paper' ? 'PAPER' : 'LIVE';
}

function bestBidOf(market: MarketSnapshot | undefined, tokenId: string): number | null {
  return market?.tokens.find((token) => token.tokenId === tokenId)?.bestBid ?? null;
}

/**
 * Folds the fill log into the ledger (incrementally: LedgerFold), marks it at the latest best bids, and adds open intents to
 * the exposure. Read fresh for every decision that needs it: minutes can pass between proposal,
 * approval and execution.
 */
export class PortfolioService {
  private readonly ledgers: LedgerFold;

  constructor(private readonly src: PortfolioSources) {
    this.ledgers = new LedgerFold(src.fills, fillModeFor(src.settings), src.settings.paperBankroll);
  }

  async view(now: Date): Promise<PortfolioView> {
    const { settings } = this.src;
    const fillMode = fillModeFor(settings);
    const realOrders = settings.mode === 'live' && !settings.dryRun;
    const fundsMaxAgeMs = accountSnapshotMaxAgeMs(settings.loopIntervalSeconds);
    // Open intents before fills, never at the same time: an intent that executes in between is then
    // counted twice (as intent and as position), never zero times.
    const openIntents = await this.src.intents.listOpenWithoutChecks();
    // The markets are read with the fills, not after them (one round trip fewer): those of the open
    // intents and of the positions the last fold held. Only a position new in this fold needs one more read.
    const wanted = new Set([...openIntents.map((i) => i.marketId), ...this.ledgers.heldMarketIds()]);
    // The venue funds come with the equity of a day ago (one statement): a fifth one beside the
    // executor's gate update slowed approve -> order by 1-2 ms.
    const [ledger, ordersLastHour, { equityThen: equity24hAgo, funds }, markets] = await Promise.all([
      this.ledgers.current(),
      this.src.executions.countOrdersSince(new Date(now.getTime() - HOUR_MS)),
      this.src.accounts.portfolioHistory(new Date(now.getTime() - 24 * HOUR_MS), settings.mode, realOrders ? new Date(now.getTime() - fundsMaxAgeMs) : null),
      this.src.markets.findByIds([...wanted]),
    ]);
    const bankrollBasis = bankrollFor(settings.paperBankroll, realOrders, funds, now, fundsMaxAgeMs);
    const bankroll = bankrollBasis.usd;
    const unread = ledger.positions.map((p) => p.marketId).filter((id) => !wanted.has(id));
    if (unread.length > 0) for (const [id, market] of await this.src.markets.findByIds(unread)) markets.set(id, market);
    const marked = markLedger(ledger, new Map(ledger.positions.map((p) => [p.tokenId, bestBidOf(markets.get(p.marketId), p.tokenId)])));
    const opening = openIntents
      .filter((intent) => intent.type === 'OPEN_POSITION')
      .map((intent) => {
        const market = markets.get(intent.marketId);
        return { marketId: intent.marketId, category: market ? categoryOf(market) : null, sizeUsd: intent.sizeUsd };
      });
    const exposure = exposureOf(ledger.positions, opening);
    return {
      fillMode,
      bankroll,
      bankrollBasis,
      ledger,
      marked,
      exposure,
      state: { exposure, ordersLastHour, equity: marked.equity, equity24hAgo },
      openIntents,
      markets,
      at: now,
    };
  }
}
