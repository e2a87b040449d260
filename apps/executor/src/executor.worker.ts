import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@polybot/queues';
import { QueueWorkers } from '@polybot/runtime';
import { ExecuteIntentService } from './execute-intent.service';

@Injectable()
export class ExecutorWorker implements OnApplicationBootstrap {
  constructor(
    private readonly workers: QueueWorkers,
    private readonly executor: ExecuteIntentService,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.start(QueueName.ApprovedIntents, async (job) => void (await this.executor.execute(job)), { concurrency: 4 });
  }
}
