import { INTENT_STATUSES } from '@polybot/domain';
import { MAX_INTENT_LIST_LIMIT } from '@polybot/persistence';
import { z } from 'zod';

/** The repository's own bound: a larger limit is a 400 here, not a shorter list. */
export const MAX_LIST_LIMIT = MAX_INTENT_LIST_LIMIT;
export const MAX_REJECT_REASON_CHARS = 500;
// A full UUID is 36 characters; anything longer cannot name an intent.
const MAX_ID_CHARS = 36;

const flag = z.enum(['true', 'false', '1', '0'], {
  errorMap: () => ({ message: 'all must be true or false' }),
}).transform((text) => text === 'true' || text === '1');

/** `GET /intents` query. Strict, so a misspelled parameter is a 400 rather than a silently wider list. */
export const listIntentsQuerySchema = z
  .object({
    status: z.enum(INTENT_STATUSES, {
      errorMap: () => ({ message: `status must be one of ${INTENT_STATUSES.join(', ')}` }),
    }).optional(),
    all: flag.optional(),
    limit: z
      .string()
      .regex(/^\d+$/, `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}`)
      .transform(Number)
      .pipe(z.number().int().min(1, `limit must be from 1 to ${MAX_LIST_LIMIT}`).max(MAX_LIST_LIMIT, `limit must be from 1 to ${MAX_LIST_LIMIT}`))
      .optional(),
  })
  .strict();

export type ListIntentsQuery = z.output<typeof listIntentsQuerySchema>;

/** The id path segment; the intent service checks the characters and resolves prefixes. */
export const intentIdSchema = z
  .string()
  .trim()
  .min(1, 'intent id is empty')
  .max(MAX_ID_CHARS, `intent id is longer than ${MAX_ID_CHARS} characters`);

/** `POST /intents/:id/reject` body; it may be absent altogether. */
export const rejectIntentBodySchema = z
  .object({
    reason: z
      .string({ invalid_type_error: 'reason must be a string' })
      .trim()
      .min(1, 'reason is empty')
      .max(MAX_REJECT_REASON_CHARS, `reason is longer than ${MAX_REJECT_REASON_CHARS} characters`)
      .optional(),
  }, { invalid_type_error: 'the request body must be a JSON object' })
  .strict();

export type RejectIntentBody = z.output<typeof rejectIntentBodySchema>;
