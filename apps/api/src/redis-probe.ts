import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { createRedisConnection } from '@polybot/queues';
import { SETTINGS } from '@polybot/runtime';
import type IORedis from 'ioredis';

/** A small connection of its own for PING, to the same Redis the approval queue uses. */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  private connection: IORedis | undefined;

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  async ping(): Promise<void> {
    if (!this.connection) {
      // The offline queue lets the first PING wait for the connect; callers bound it with a timeout.
      this.connection = createRedisConnection(this.settings.redisUrl, 'producer', { enableOfflineQueue: true });
      this.connection.on('error', () => undefined);
    }
    const answer = await this.connection.ping();
    if (answer !== 'PONG') throw new Error(`unexpected PING answer ${JSON.stringify(answer)}`);
  }

  onApplicationShutdown(): void {
    this.connection?.disconnect();
  }
}
