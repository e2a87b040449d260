import { Injectable } from '@nestjs/common';
import type { EventSnapshot } from '@polybot/domain';
import { QueueName, QueueProducer, SNAPSHOT_PRIORITY } from '@polybot/queues';

/** About this many outcome tokens per queued snapshot batch: big enough to amortize a hop, small enough to stream. */
export const TOKENS_PER_BATCH = 1000;

/** Where a batch comes from: a full cycle's flood, or one stream update that must not wait behind it. */
export type SnapshotSource = 'cycle' | 'stream';

/**
 * Puts one snapshot batch on the strategy and the risk queue: both must see the same markets. A
 * big batch is serialized and stored once for both (QueueProducer.fanOut).
 */
@Injectable()
export class SnapshotPublisher {
  constructor(private readonly queue: QueueProducer) {}

  async publish(cycleId: string, fetchedAt: string, events: EventSnapshot[], source: SnapshotSource): Promise<void> {
    const payload = { v: 1 as const, cycleId, fetchedAt, events };
    const opts = { priority: source === 'cycle' ? SNAPSHOT_PRIORITY : undefined };
    await this.queue.fanOut([QueueName.SnapshotsForStrategy, QueueName.SnapshotsForRisk], payload, opts);
  }
}
