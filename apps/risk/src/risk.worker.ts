import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventSnapshot } from '@polybot/domain';
import { QueueName, type SnapshotBatchJob } from '@polybot/queues';
import { QueueWorkers } from '@polybot/runtime';
import { AccountSnapshotRecorder } from './account-snapshot.recorder';
import { ExitMonitor } from './exit.monitor';
import { KillSwitchMonitor } from './kill-switch.monitor';
import { MarketDataAgeService } from './market-data-age.service';
import { ProposeIntentsService } from './propose-intents.service';

@Injectable()
export class RiskWorker implements OnApplicationBootstrap {
  constructor(
    private readonly workers: QueueWorkers,
    private readonly propose: ProposeIntentsService,
    private readonly dataAge: MarketDataAgeService,
    private readonly accounts: AccountSnapshotRecorder,
    private readonly killSwitches: KillSwitchMonitor,
    private readonly exits: ExitMonitor,
  ) {}

  onApplicationBootstrap(): void {
    // One at a time: exposure sums must see the intents the previous batch created.
    this.workers.start(QueueName.Signals, async (batch) => void (await this.propose.handle(batch)), { concurrency: 1 });
    this.workers.start(QueueName.SnapshotsForRisk, (batch) => this.onSnapshots(batch), { concurrency: 1 });
  }

  /** Data age first, then the equity point, then the switches (which read both), then exits. */
  async onSnapshots(batch: SnapshotBatchJob): Promise<void> {
    const events = batch.events as EventSnapshot[];
    this.dataAge.observe(batch);
    await this.accounts.onCycle(batch.cycleId);
    await this.killSwitches.onSnapshots(events);
    await this.exits.onSnapshots(events);
  }
}
