import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@polybot/queues';
import { QueueWorkers } from '@polybot/runtime';
import { MarketDataAgeService } from './market-data-age.service';
import { ProposeIntentsService } from './propose-intents.service';

@Injectable()
export class RiskWorker implements OnApplicationBootstrap {
  constructor(
    private readonly workers: QueueWorkers,
    private readonly propose: ProposeIntentsService,
    private readonly dataAge: MarketDataAgeService,
  ) {}

  onApplicationBootstrap(): void {
    // One at a time: exposure sums must see the intents the previous batch created.
    this.workers.start(QueueName.Signals, async (batch) => void (await this.propose.handle(batch)), { concurrency: 1 });
    this.workers.start(QueueName.SnapshotsForRisk, async (batch) => this.dataAge.observe(batch), { concurrency: 1 });
  }
}
