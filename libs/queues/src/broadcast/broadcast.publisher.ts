import { ClientProxyFactory, type ClientProxy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { withDeadline } from '../deadline';
import { broadcastTransport } from './broadcast-transport';
import { BroadcastEvent, type IntentBroadcast, type KillSwitchBroadcast } from './broadcast-events';

type PayloadOf<E extends BroadcastEvent> = E extends BroadcastEvent.KillSwitchTriggered | BroadcastEvent.KillSwitchCleared
  ? KillSwitchBroadcast
  : IntentBroadcast;

const PUBLISH_TIMEOUT_MS = 1000;

/**
 * Publishes broadcast events. Publishing is best effort by design: the state change is already
 * committed to Postgres, so a Redis outage must not turn a successful approval into an error.
 */
export class BroadcastPublisher {
  private readonly client: ClientProxy;

  constructor(redisUrl: string, private readonly onError: (event: string, error: unknown) => void = () => undefined) {
    this.client = ClientProxyFactory.create(broadcastTransport(redisUrl));
  }

  async publish<E extends BroadcastEvent>(event: E, payload: PayloadOf<E>): Promise<void> {
    try {
      await withDeadline(lastValueFrom(this.client.emit(event, payload), { defaultValue: undefined }), PUBLISH_TIMEOUT_MS, `Redis (broadcast ${event})`);
    } catch (error) {
      this.onError(event, error);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
