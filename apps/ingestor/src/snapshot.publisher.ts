import { Injectable } from '@nestjs/common';
import type { EventSnapshot } from '@polybot/domain';
import { QueueName, QueueProducer } from '@polybot/queues';

/** About this many outcome tokens per queued snapshot batch: big enough to amortize a hop, small enough to stream. */
export const TOKENS_PER_BATCH = 1000;

/** Puts one snapshot batch on the strategy and the risk queue: both must see the same markets. */
@Injectable()
export class SnapshotPublisher {
  constructor(private readonly queue: QueueProducer) {}

  async publish(cycleId: string, fetchedAt: string, events: EventSnapshot[]): Promise<void> {
    const payload = { v: 1 as const, cycleId, fetchedAt, events };
    await Promise.all([this.queue.add(QueueName.SnapshotsForStrategy, payload), this.queue.add(QueueName.SnapshotsForRisk, payload)]);
  }
}
