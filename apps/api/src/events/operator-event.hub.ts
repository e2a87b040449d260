import { Inject, Injectable, type OnApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { intentJson, IntentNotFoundError, IntentService, KillSwitchService, type IntentJson, type KillSwitchJson } from '@polybot/intents';
import type { Logger } from '@polybot/observability';
import { BroadcastListener, type ReceivedBroadcast } from '@polybot/queues';
import { LOGGER, SETTINGS } from '@polybot/runtime';

/** What the API pushes: the event as broadcast, and the state it led to, read fresh from Postgres. */
export type OperatorEvent =
  | { readonly kind: 'intent'; readonly broadcast: ReceivedBroadcast; readonly data: IntentJson }
  | { readonly kind: 'kill-switch'; readonly broadcast: ReceivedBroadcast; readonly data: KillSwitchJson };

export interface OperatorEventSubscriber {
  onEvent(event: OperatorEvent): void;
  /** The API is stopping: end the stream so the HTTP server can close. */
  onShutdown?(): void;
}

/**
 * Every broadcast event, turned into the state it changed: the full intent (with its execution)
 * or the kill switch's state. Events are resolved one at a time, in arrival order, so a stream
 * never shows an intent's older state after a newer one.
 */
@Injectable()
export class OperatorEventHub implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private listener: BroadcastListener | undefined;
  private readonly subscribers = new Set<OperatorEventSubscriber>();
  private chain: Promise<void> = Promise.resolve();
  private redisErrorLogged = false;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly intents: IntentService,
    private readonly killSwitches: KillSwitchService,
  ) {}

  onModuleInit(): void {
    // Not awaited: with Redis down the API still starts and serves; the subscriber reconnects by itself.
    this.listener = new BroadcastListener(this.settings.redisUrl, (received) => this.enqueue(received), {
      onInvalid: (channel, problem) => this.logger.warn({ channel, problem }, 'Broadcast event dropped'),
      onError: (error) => {
        if (this.redisErrorLogged) return;
        this.redisErrorLogged = true;
        this.logger.warn({ err: error }, 'Broadcast listener cannot reach Redis; the event stream is silent until it can');
      },
    });
  }

  /** Resolves once the Redis subscription is confirmed (tests wait for it before publishing). */
  async ready(): Promise<void> {
    await this.listener?.ready();
  }

  /** Open streams and other subscribers (a closed stream must not linger here). */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: OperatorEventSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  onModuleDestroy(): void {
    for (const subscriber of [...this.subscribers]) subscriber.onShutdown?.();
    this.subscribers.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
  }

  private enqueue(received: ReceivedBroadcast): void {
    this.chain = this.chain.then(() => this.resolve(received)).then(
      (event) => event && this.deliver(event),
      (error: unknown) => this.logger.warn({ err: error, event: received.event }, 'Broadcast event not pushed: its state could not be read'),
    );
  }

  private async resolve(received: ReceivedBroadcast): Promise<OperatorEvent | undefined> {
    if ('intentId' in received.payload) {
      try {
        const view = await this.intents.get(received.payload.intentId);
        return { kind: 'intent', broadcast: received, data: intentJson(view.intent, view.execution) };
      } catch (error) {
        // Another deployment sharing this Redis, or a test database: nothing of ours to show.
        if (error instanceof IntentNotFoundError) return undefined;
        throw error;
      }
    }
    const name = received.payload.name;
    const state = (await this.killSwitches.list()).find((s) => s.name === name);
    return state && { kind: 'kill-switch', broadcast: received, data: state };
  }

  private deliver(event: OperatorEvent): void {
    for (const subscriber of this.subscribers) {
      try {
        subscriber.onEvent(event);
      } catch (error) {
        this.logger.warn({ err: error }, 'Operator event subscriber failed');
      }
    }
  }
}
