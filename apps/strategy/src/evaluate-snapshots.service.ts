import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import type { EventSnapshot, MarketSnapshot, SignalWithMarket } from '@polybot/domain';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { QueueName, QueueProducer, type SnapshotBatchJob } from '@polybot/queues';
import { CLOCK, LOGGER, METRICS, SETTINGS, type Clock } from '@polybot/runtime';
import { ForecastLoader } from './forecast.loader';
import { StrategyRegistry } from './strategy-registry';

/** Runs every enabled strategy over a batch of events and sends the signals on to risk. */
@Injectable()
export class EvaluateSnapshotsService {
  private readonly strategies: StrategyRegistry;

  constructor(
    private readonly forecasts: ForecastLoader,
    private readonly queue: QueueProducer,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.strategies = new StrategyRegistry(settings.strategies, settings.edgeThreshold);
  }

  async evaluate(batch: SnapshotBatchJob): Promise<SignalWithMarket[]> {
    const now = this.clock();
    const strategies = this.strategies.for(await this.forecasts.current(now));
    const events = batch.events as EventSnapshot[];
    const markets = new Map<string, MarketSnapshot>(events.flatMap((event) => event.markets.map((market) => [market.marketId, market])));

    const items: SignalWithMarket[] = [];
    for (const strategy of strategies) {
      for (const signal of strategy.evaluate({ events, now })) {
        const market = markets.get(signal.marketId);
        if (!market) continue;
        items.push({ signal, market });
        this.metrics.signals.inc({ strategy: strategy.name });
      }
    }
    if (items.length > 0) {
      await this.queue.add(QueueName.Signals, { v: 1, cycleId: batch.cycleId, items });
      this.logger.info({ cycle_id: batch.cycleId, signals: items.length, events: events.length }, 'Signals raised');
    }
    return items;
  }
}
