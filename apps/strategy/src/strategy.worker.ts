import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@polybot/queues';
import { QueueWorkers } from '@polybot/runtime';
import { EvaluateSnapshotsService } from './evaluate-snapshots.service';

@Injectable()
export class StrategyWorker implements OnApplicationBootstrap {
  constructor(
    private readonly workers: QueueWorkers,
    private readonly evaluate: EvaluateSnapshotsService,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.start(QueueName.SnapshotsForStrategy, async (batch) => void (await this.evaluate.evaluate(batch)), { concurrency: 2 });
  }
}
