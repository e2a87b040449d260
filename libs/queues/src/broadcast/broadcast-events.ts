import { z } from 'zod';

/**
 * Events every service must hear at once (Redis pub/sub through @nestjs/microservices), as opposed
 * to work exactly one worker must do (BullMQ). Past tense: they report what already happened in
 * Postgres, which stays the truth; a service that missed one re-reads the database.
 */
export enum BroadcastEvent {
  IntentProposed = 'intent.proposed',
  IntentApproved = 'intent.approved',
  IntentRejected = 'intent.rejected',
  IntentExpired = 'intent.expired',
  IntentExecuted = 'intent.executed',
  IntentFailed = 'intent.failed',
  KillSwitchTriggered = 'kill-switch.triggered',
  KillSwitchCleared = 'kill-switch.cleared',
}

export const intentEventSchema = z.object({
  intentId: z.string().uuid(),
  status: z.string(),
  actor: z.string(),
  at: z.string(),
  reason: z.string().nullable().optional(),
});
export type IntentBroadcast = z.infer<typeof intentEventSchema>;

export const killSwitchEventSchema = z.object({
  name: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
});
export type KillSwitchBroadcast = z.infer<typeof killSwitchEventSchema>;
