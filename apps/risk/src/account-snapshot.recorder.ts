import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import type { PolybotMetrics } from '@polybot/observability';
import { AccountSnapshotRepository } from '@polybot/persistence';
import type { AccountStateReader } from '@polybot/polymarket/trading';
import { PortfolioService } from '@polybot/portfolio';
import { CLOCK, METRICS, SETTINGS, type Clock } from '@polybot/runtime';

/** One account snapshot per ingest cycle: the equity curve DRAWDOWN and DAILY_LOSS read. */
@Injectable()
export class AccountSnapshotRecorder {
  private lastCycleId: string | null = null;
  /**
   * Made on the first cycle; a failed attempt is tried again on the next. (Not polymarket's
   * connectOnce: a lib this app loads lazily may not be imported statically beside it.)
   */
  private reader: Promise<AccountStateReader | null> | undefined;

  constructor(
    private readonly portfolio: PortfolioService,
    private readonly accounts: AccountSnapshotRepository,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Stream updates (`<cycle>:stream:<n>`) belong to their cycle: one equity point per full cycle. */
  async onCycle(cycleId: string): Promise<void> {
    const cycle = cycleId.split(':stream:')[0];
    if (cycle === this.lastCycleId) return;
    this.lastCycleId = cycle;
    const view = await this.portfolio.view(new Date(this.clock()));
    // Live balances, positions and open orders come from the venue (what failed is listed in
    // `unavailable`); paper has only the ledger.
    this.reader ??= this.liveReader().catch((error: unknown) => {
      this.reader = undefined;
      throw error;
    });
    const venue = await (await this.reader)?.read();
    await this.accounts.record({
      takenAt: view.at,
      mode: this.settings.mode,
      bankroll: view.bankroll,
      cash: view.ledger.cash,
      equity: view.marked.equity,
      positions: venue && !venue.unavailable.some((u) => u.startsWith('positions')) ? venue.positions : view.marked.positions,
      openOrders: venue?.openOrders ?? [],
      balances: venue?.balances ?? {},
      unavailable: venue?.unavailable ?? [],
    });
    this.metrics.exposureUsd.set(view.exposure.totalUsd);
    this.metrics.pnlUsd.set({ kind: 'realized' }, view.ledger.realizedPnlUsd);
    this.metrics.pnlUsd.set({ kind: 'unrealized' }, view.marked.unrealizedPnlUsd);
  }

  /** Loaded in live mode only: the signing libraries behind it cost a process ~25 MB of RSS. */
  private async liveReader(): Promise<AccountStateReader | null> {
    const s = this.settings;
    if (s.mode !== 'live') return null;
    const { createAccountStateReader } = await import('@polybot/polymarket/trading');
    return createAccountStateReader({
      dataApiUrl: s.dataApiUrl, clobUrl: s.clobApiUrl, timeoutMs: s.httpTimeoutMs, signatureType: s.signatureType, polygonPrivateKey: s.polygonPrivateKey,
      funderAddress: s.funderAddress, polymarketWalletAddress: s.polymarketWalletAddress, clobApiKey: s.clobApiKey, clobApiSecret: s.clobApiSecret, clobPassphrase: s.clobPassphrase,
    });
  }
}
