import type { EventSnapshot } from '@polybot/domain';

/**
 * Splits a cycle's events into batches of about `maxTokens` outcome tokens. An event is never split:
 * the neg-risk strategy must see all of an event's outcomes together.
 */
export function batchEvents(events: readonly EventSnapshot[], maxTokens: number): EventSnapshot[][] {
  const batches: EventSnapshot[][] = [];
  let current: EventSnapshot[] = [];
  let tokens = 0;
  for (const event of events) {
    const eventTokens = event.markets.reduce((sum, market) => sum + market.tokens.length, 0);
    if (current.length > 0 && tokens + eventTokens > maxTokens) {
      batches.push(current);
      current = [];
      tokens = 0;
    }
    current.push(event);
    tokens += eventTokens;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
