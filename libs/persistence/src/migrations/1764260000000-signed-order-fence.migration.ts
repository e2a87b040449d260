import { sqlMigration } from './sql-migration';

/**
 * Two deliveries of one job can run at once (a lost BullMQ lock): one withholding the stored order
 * (its re-check failed) while the other posts it. POSTING (a claim to post, timed by updated_at)
 * and WITHHELD (terminal: never posted) make the two exclusive, each decided by one conditional
 * UPDATE of this row.
 */
const UP = `
ALTER TABLE signed_orders
  DROP CONSTRAINT signed_orders_state_check,
  ADD CONSTRAINT signed_orders_state_check CHECK (state IN ('SIGNED', 'POSTING', 'POSTED', 'DONE', 'WITHHELD'));
`;

/**
 * The code before this migration knew only SIGNED, POSTED and DONE. A claim to post becomes
 * SIGNED again (that code looks for it at the venue before it posts). A withheld order becomes
 * DONE with no fills recorded, which that code never posts: were it SIGNED, an execution resumed
 * before its withholder failed the intent could post an order that was withheld.
 */
const DOWN = `
UPDATE signed_orders SET state = 'SIGNED' WHERE state = 'POSTING';
UPDATE signed_orders SET state = 'DONE' WHERE state = 'WITHHELD';
ALTER TABLE signed_orders
  DROP CONSTRAINT signed_orders_state_check,
  ADD CONSTRAINT signed_orders_state_check CHECK (state IN ('SIGNED', 'POSTED', 'DONE'));
`;

export const SignedOrderFence1764260000000 = sqlMigration('SignedOrderFence1764260000000', UP, DOWN);
