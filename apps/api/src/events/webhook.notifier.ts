import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ExponentialBackoff, handleAll, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import type { Settings } from '@polybot/config';
import type { Logger } from '@polybot/observability';
import { BroadcastEvent, createRedisConnection } from '@polybot/queues';
import { LOGGER, SETTINGS } from '@polybot/runtime';
import type IORedis from 'ioredis';
import { OperatorEventHub, type OperatorEvent } from './operator-event.hub';

const ATTEMPTS = 6;
const ATTEMPT_TIMEOUT_MS = 5000;
/** How long a replica's claim on a delivery lasts, so the other replicas skip it. */
const CLAIM_TTL_SECONDS = 24 * 3600;

export type WebhookBody = { type: BroadcastEvent.IntentProposed | BroadcastEvent.KillSwitchTriggered } & Record<string, unknown>;

/**
 * The webhook body for an event, or undefined when the event is not one the webhook announces:
 * `{ type: "intent.proposed", intentId, status, actor, at, intent: <full intent JSON> }` or
 * `{ type: "kill-switch.triggered", name, value, threshold, reason, actor, at }`.
 */
export function webhookBody(event: OperatorEvent): { key: string; body: WebhookBody } | undefined {
  const { event: name, payload } = event.broadcast;
  if (name === BroadcastEvent.IntentProposed && event.kind === 'intent') {
    // The intent JSON has a `type` of its own (OPEN_POSITION...), so it goes whole under `intent`.
    return { key: `${name}:${event.data.id}`, body: { type: name, ...payload, intent: event.data } };
  }
  if (name === BroadcastEvent.KillSwitchTriggered && 'name' in payload) {
    return { key: `${name}:${payload.name}:${payload.at}`, body: { type: name, ...payload } };
  }
  return undefined;
}

/**
 * POSTs each new intent and each kill switch trip to POLYBOT_WEBHOOK_URL. Delivery runs in the
 * background with retries and backoff, so a slow or failing receiver never holds up a request
 * or the event stream. Every API replica hears every event; a Redis SET NX claim lets only one
 * of them send it.
 */
@Injectable()
export class WebhookNotifier implements OnModuleInit, OnApplicationShutdown {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private redis: IORedis | undefined;
  private readonly policy = wrap(
    retry(handleAll, { maxAttempts: ATTEMPTS - 1, backoff: new ExponentialBackoff({ initialDelay: 250, maxDelay: 30_000 }) }),
    timeout(ATTEMPT_TIMEOUT_MS, TimeoutStrategy.Aggressive),
  );

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly hub: OperatorEventHub,
  ) {}

  onModuleInit(): void {
    if (!this.settings.webhookUrl) return;
    this.redis = createRedisConnection(this.settings.redisUrl, 'producer');
    this.redis.on('error', () => undefined);
    this.hub.subscribe({ onEvent: (event) => this.notify(event) });
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.idle();
    this.redis?.disconnect();
  }

  private notify(event: OperatorEvent): void {
    const delivery = webhookBody(event);
    if (!delivery) return;
    const sending = this.deliver(delivery.key, delivery.body).finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  private async deliver(key: string, body: WebhookBody): Promise<void> {
    const url = this.settings.webhookUrl;
    if (!url || !(await this.claim(key))) return;
    let attempt = 0;
    try {
      await this.policy.execute(async ({ signal }) => {
        attempt += 1;
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
          await response.body?.cancel();
          // The URL is a secret (it often embeds a token), so messages name the status only.
          if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
        } catch (error) {
          this.logger.warn({ type: body.type, attempt, err: error }, 'Webhook delivery failed');
          throw error;
        }
      }, this.abort.signal);
      this.logger.info({ type: body.type, attempts: attempt }, 'Webhook delivered');
    } catch (error) {
      this.logger.error({ type: body.type, attempts: attempt, err: error }, 'Webhook not delivered; giving up');
    }
  }

  /** True when this replica should send; a Redis failure sends anyway (a duplicate beats a lost alert). */
  private async claim(key: string): Promise<boolean> {
    try {
      const claimed = await this.redis?.set(`${this.settings.queuePrefix}:webhook:${key}`, '1', 'EX', CLAIM_TTL_SECONDS, 'NX');
      return claimed === 'OK';
    } catch {
      return true;
    }
  }
}
