import type { z } from 'zod';
import type { QueueName } from './queue-names';
import { QUEUE_FAST_ACCEPT, QUEUE_SCHEMAS, type QueuePayload } from './queue-registry';

export class InvalidPayloadError extends Error {
  constructor(readonly queue: QueueName, readonly issues: string[]) {
    super(`invalid ${queue} payload: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ''}`);
    this.name = 'InvalidPayloadError';
  }
}

export function describeZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}

/** Parses a payload against its queue's schema; the error names every wrong field. */
export function parsePayload<Q extends QueueName>(queue: Q, data: unknown): QueuePayload<Q> {
  const result = QUEUE_SCHEMAS[queue].safeParse(data);
  if (!result.success) throw new InvalidPayloadError(queue, describeZodIssues(result.error));
  return result.data as QueuePayload<Q>;
}

/**
 * A payload on its way onto or off a queue: the queue's fast check when it has one (a yes leaves
 * the object as it is, unknown keys included), the schema when that says no or there is none.
 */
export function checkPayload<Q extends QueueName>(queue: Q, data: unknown): QueuePayload<Q> {
  if (QUEUE_FAST_ACCEPT[queue]?.(data)) return data as QueuePayload<Q>;
  return parsePayload(queue, data);
}
