import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { QueueName, type QueueProducer } from '@polybot/queues';

type BoardOptions = Parameters<typeof createBullBoard>[0];

export const QUEUE_BOARD_PATH = '/queues';

/**
 * Bull Board at /queues over every queue of the registry, under the runtime's key prefix (the
 * producer's queues carry it). Read-only: retrying or deleting jobs by hand would bypass the
 * intent lifecycle and its audit trail. The token check in front of every route covers it.
 */
export function mountQueueBoard(app: INestApplication, queues: QueueProducer): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(queues.queue(name), { readOnlyMode: true })),
    // @bull-board/express 9.10.1 pins its own @bull-board/api 9.10.1: the same interface, declared twice.
    serverAdapter: serverAdapter as unknown as BoardOptions['serverAdapter'],
    options: { uiConfig: { boardTitle: 'polyb0t queues' } },
  });
  app.use(QUEUE_BOARD_PATH, serverAdapter.getRouter());
}
