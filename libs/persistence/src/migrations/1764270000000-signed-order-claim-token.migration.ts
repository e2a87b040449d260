import { sqlMigration } from './sql-migration';

/**
 * Which delivery of a job last claimed its stored order to post. A delivery the venue refused
 * withholds the order only if the claim is still its own: another delivery that claimed it since
 * may be posting it, and then the intent must not be failed under it.
 */
const UP = `ALTER TABLE signed_orders ADD COLUMN claim_token uuid NULL;`;

/** The code before this migration never reads the column. */
const DOWN = `ALTER TABLE signed_orders DROP COLUMN claim_token;`;

export const SignedOrderClaimToken1764270000000 = sqlMigration('SignedOrderClaimToken1764270000000', UP, DOWN);
