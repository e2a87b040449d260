import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { categoryOf, type Intent, type MarketSnapshot } from '@polybot/domain';
import type { Logger } from '@polybot/observability';
import { KillSwitchRepository } from '@polybot/persistence';
import { PortfolioService } from '@polybot/portfolio';
import { BroadcastEvent, BroadcastListener, type ReceivedBroadcast } from '@polybot/queues';
import { CLOCK, LOGGER, SETTINGS, type Clock } from '@polybot/runtime';
import { ChangesSinceRead } from './changes-since-read';
import { riskPortfolio, withApproval, withProposed, type ProposedIntent, type RiskPortfolio } from './risk-portfolio';
import { RISK_STATE_MAX_AGE_MS, RISK_STATE_REFRESH_MS } from './risk-state.freshness';

export interface RiskState {
  readonly tripped: readonly string[];
  readonly portfolio: RiskPortfolio;
}

interface StoredRead {
  readonly startedAt: number;
  readonly tripped: readonly string[];
  readonly openIntentIds: ReadonlySet<string>;
}

/**
 * Kill switches and the portfolio as risk last read them from Postgres, kept in memory so a signal
 * is decided without a round trip. Errs one way only: a trip counts the moment it is heard, a clear
 * only once Postgres shows it; an intent counts from the moment it is stored until a read shows it
 * ended (exposure may be over-counted for up to a refresh, never under-counted). A view older than
 * RISK_STATE_MAX_AGE_MS is re-read before it is used.
 */
@Injectable()
export class RiskStateService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly trips = new ChangesSinceRead<string>();
  private readonly proposed = new ChangesSinceRead<ProposedIntent>();
  private readonly approvals = new ChangesSinceRead<string>();
  private stored: StoredRead | null = null;
  private portfolio: RiskPortfolio | null = null;
  /**
   * Events the view cannot absorb (another process's proposal, an execution) are numbered; a
   * decision waits for a read that began after the last of them. A read clears only what it began
   * after, so a read already under way when the event came does not count.
   */
  private readsRequired = 0;
  private readsSatisfied = 0;
  private reading: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private listener: BroadcastListener | null = null;
  private failing = false;

  constructor(
    private readonly killSwitches: KillSwitchRepository,
    private readonly portfolios: PortfolioService,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Subscribed before the first read: an event between the two is then heard, not lost.
    await this.listen();
    await this.refresh();
    this.timer = setInterval(() => void this.refreshLogged(), RISK_STATE_REFRESH_MS);
  }

  /** Starts hearing broadcast events (bootstrap does it; tests call it alone, without the timer). */
  async listen(): Promise<void> {
    this.listener = new BroadcastListener(this.settings.redisUrl, (received) => this.hear(received), {
      onInvalid: (channel, problem) => this.logger.warn({ channel, problem }, 'Invalid broadcast ignored'),
      onError: (error) => this.logger.warn({ err: error }, 'Broadcast listener error'),
    });
    await this.listener.ready();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.listener?.close();
  }

  /** What a decision may rely on; reads Postgres first when the view is missing, too old or known to lack something. */
  async current(): Promise<RiskState> {
    while (this.mustRead() || this.stored === null || this.clock() - this.stored.startedAt > RISK_STATE_MAX_AGE_MS) await this.refresh();
    return { tripped: this.tripped(), portfolio: this.portfolio! };
  }

  /** The portfolio with everything recorded so far; call current() first in a decision. */
  currentPortfolio(): RiskPortfolio | null {
    return this.portfolio;
  }

  tripped(): string[] {
    return [...new Set([...(this.stored?.tripped ?? []), ...this.trips.list()])];
  }

  isTripped(name: string): boolean {
    return this.tripped().includes(name);
  }

  /** A trip this process stored (or heard): counts at once. */
  recordTrip(name: string): void {
    this.trips.add(name);
  }

  /** An intent this process stored: counts at once, before anyone hears of it. */
  recordProposed(intent: Intent, market: MarketSnapshot | null): void {
    const proposed: ProposedIntent = {
      intentId: intent.id,
      marketId: intent.marketId,
      category: market ? categoryOf(market) : null,
      sizeUsd: intent.sizeUsd,
      addsExposure: intent.type === 'OPEN_POSITION',
    };
    this.proposed.add(proposed);
    if (this.portfolio) this.portfolio = withProposed(this.portfolio, proposed);
  }

  /** One read at a time; callers during a read share it. */
  refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private mustRead(): boolean {
    return this.readsSatisfied < this.readsRequired;
  }

  /** The view lacks something an event told of: read now, so the next decision need not wait for it. */
  private requireRead(): void {
    this.readsRequired += 1;
    void this.refreshLogged();
  }

  /**
   * For the timer and events: an outage is logged once, not every second; decisions meanwhile wait
   * on current(). Reads again when a required read came in during the one it joined.
   */
  private async refreshLogged(): Promise<void> {
    try {
      do await this.refresh();
      while (this.mustRead());
      if (this.failing) this.logger.info('Risk state read from Postgres again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.error({ err: error }, 'Risk state read failed; proposals wait until Postgres answers');
      this.failing = true;
    }
  }

  private async read(): Promise<void> {
    const marks = { trips: this.trips.mark(), proposed: this.proposed.mark(), approvals: this.approvals.mark() };
    const required = this.readsRequired;
    const startedAt = this.clock();
    const [tripped, view] = await Promise.all([this.killSwitches.tripped(), this.portfolios.view(new Date(startedAt))]);
    this.trips.settle(marks.trips);
    this.proposed.settle(marks.proposed);
    this.approvals.settle(marks.approvals);
    this.stored = { startedAt, tripped: tripped.map((s) => s.name), openIntentIds: new Set(view.openIntents.map((i) => i.id)) };
    this.portfolio = riskPortfolio(view, this.proposed.list(), this.approvals.list().length);
    this.readsSatisfied = Math.max(this.readsSatisfied, required);
  }

  private hear(received: ReceivedBroadcast): void {
    switch (received.event) {
      case BroadcastEvent.KillSwitchTriggered:
        // Counts at once; the read that follows confirms it (it was stored before it was sent) or
        // drops it (a trip of another system sharing this Redis, or cleared meanwhile).
        this.recordTrip(received.payload.name);
        void this.refreshLogged();
        break;
      case BroadcastEvent.KillSwitchCleared:
        // Not applied from the event: the read that follows applies it if Postgres agrees.
        void this.refreshLogged();
        break;
      case BroadcastEvent.IntentApproved:
        this.approvals.add(received.payload.intentId);
        if (this.portfolio) this.portfolio = withApproval(this.portfolio);
        break;
      case BroadcastEvent.IntentProposed:
        if (!this.knows(received.payload.intentId)) this.requireRead();
        break;
      case BroadcastEvent.IntentExecuted:
        // Positions and orders in the last hour changed: exits must not act on the old positions
        // (exposure alone could wait). Read at once, not when the next signal comes.
        this.requireRead();
        break;
      default:
        // Failed, rejected, expired: exposure only falls; the next read shows it.
        break;
    }
  }

  private knows(intentId: string): boolean {
    return (this.stored?.openIntentIds.has(intentId) ?? false) || this.proposed.list().some((p) => p.intentId === intentId);
  }
}
