import { z } from 'zod';

export const deadLetterSchema = z.object({
  v: z.literal(1),
  queue: z.string(),
  jobId: z.string().nullable(),
  reason: z.string(),
  payload: z.unknown(),
  at: z.string(),
});
export type DeadLetterJob = z.infer<typeof deadLetterSchema>;
