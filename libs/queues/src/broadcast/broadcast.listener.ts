import type IORedis from 'ioredis';
import { createRedisConnection } from '../redis-connection';
import { BroadcastEvent, intentEventSchema, killSwitchEventSchema, type IntentBroadcast, type KillSwitchBroadcast } from './broadcast-events';

export type ReceivedBroadcast =
  | { readonly event: Exclude<BroadcastEvent, BroadcastEvent.KillSwitchTriggered | BroadcastEvent.KillSwitchCleared>; readonly payload: IntentBroadcast }
  | { readonly event: BroadcastEvent.KillSwitchTriggered | BroadcastEvent.KillSwitchCleared; readonly payload: KillSwitchBroadcast };

export interface BroadcastListenerOptions {
  /** A message that is not a valid broadcast (wrong shape, not JSON); it is dropped, never thrown. */
  readonly onInvalid?: (channel: string, problem: string) => void;
  readonly onError?: (error: unknown) => void;
}

const KILL_SWITCH_EVENTS: ReadonlySet<string> = new Set([BroadcastEvent.KillSwitchTriggered, BroadcastEvent.KillSwitchCleared]);
const ALL_EVENTS: readonly string[] = Object.values(BroadcastEvent);

/**
 * Hears every broadcast event on its own Redis subscriber connection. Plain pub/sub: every process
 * that listens gets every event (no consumer group), which is what a fan-out to each API replica
 * needs. The publisher (@nestjs/microservices Redis transport) sends `{ pattern, data }` on a
 * channel named by the event.
 */
export class BroadcastListener {
  private readonly connection: IORedis;
  private readonly subscribed: Promise<void>;

  constructor(redisUrl: string, onEvent: (received: ReceivedBroadcast) => void, private readonly opts: BroadcastListenerOptions = {}) {
    // Subscriber connections queue commands until connected and resubscribe by themselves after a reconnect.
    this.connection = createRedisConnection(redisUrl, 'worker');
    this.connection.on('error', (error: unknown) => this.opts.onError?.(error));
    this.connection.on('message', (channel: string, message: string) => {
      const received = parseBroadcast(channel, message);
      if (typeof received === 'string') this.opts.onInvalid?.(channel, received);
      else onEvent(received);
    });
    this.subscribed = this.connection.subscribe(...ALL_EVENTS).then(() => undefined);
    // Readiness is awaited by whoever needs it; an unobserved rejection must not crash the process.
    this.subscribed.catch((error: unknown) => this.opts.onError?.(error));
  }

  /** Resolves once Redis confirmed the subscription (events published before that are not heard). */
  ready(): Promise<void> {
    return this.subscribed;
  }

  async close(): Promise<void> {
    this.connection.disconnect();
  }
}

/** The event, or a sentence saying what was wrong with the message. */
export function parseBroadcast(channel: string, message: string): ReceivedBroadcast | string {
  if (!ALL_EVENTS.includes(channel)) return `unknown broadcast channel "${channel}"`;
  let packet: unknown;
  try {
    packet = JSON.parse(message);
  } catch {
    return 'broadcast message is not JSON';
  }
  const data = typeof packet === 'object' && packet !== null ? (packet as { data?: unknown }).data : undefined;
  const schema = KILL_SWITCH_EVENTS.has(channel) ? killSwitchEventSchema : intentEventSchema;
  const parsed = schema.safeParse(data);
  if (!parsed.success) return `broadcast ${channel} payload is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ')}`;
  return { event: channel, payload: parsed.data } as ReceivedBroadcast;
}
