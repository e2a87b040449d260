import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import type { PolybotMetrics } from '@polybot/observability';
import { AccountSnapshotRepository } from '@polybot/persistence';
import { PortfolioService } from '@polybot/portfolio';
import { CLOCK, METRICS, SETTINGS, type Clock } from '@polybot/runtime';

/** One account snapshot per ingest cycle: the equity curve DRAWDOWN and DAILY_LOSS read. */
@Injectable()
export class AccountSnapshotRecorder {
  private lastCycleId: string | null = null;

  constructor(
    private readonly portfolio: PortfolioService,
    private readonly accounts: AccountSnapshotRepository,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onCycle(cycleId: string): Promise<void> {
    if (cycleId === this.lastCycleId) return;
    this.lastCycleId = cycleId;
    const view = await this.portfolio.view(new Date(this.clock()));
    await this.accounts.record({
      takenAt: view.at,
      mode: this.settings.mode,
      bankroll: view.bankroll,
      cash: view.ledger.cash,
      equity: view.marked.equity,
      positions: view.marked.positions,
      openOrders: [],
      balances: {},
      // Live balances, positions and open orders come from the venue; paper and dry runs have only the ledger.
      unavailable: [],
    });
    this.metrics.exposureUsd.set(view.exposure.totalUsd);
    this.metrics.pnlUsd.set({ kind: 'realized' }, view.ledger.realizedPnlUsd);
    this.metrics.pnlUsd.set({ kind: 'unrealized' }, view.marked.unrealizedPnlUsd);
  }
}
