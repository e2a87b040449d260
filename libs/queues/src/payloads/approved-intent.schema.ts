import { z } from 'zod';

/** API / CLI -> executor. Only the id travels: the executor reads the intent from Postgres, the truth. */
export const approvedIntentSchema = z.object({
  v: z.literal(1),
  intentId: z.string().uuid(),
  approvedAt: z.string().datetime({ offset: true }),
});
export type ApprovedIntentJob = z.infer<typeof approvedIntentSchema>;

/** One job per intent: a duplicate enqueue (retry, reconciler, two approvers) is dropped by BullMQ. */
export function approvedIntentJobId(intentId: string): string {
  return `intent-${intentId}`;
}
