import { sqlMigration } from './sql-migration';

/**
 * A live order is signed and stored here before it is posted, one per intent, so a timeout, a
 * crash or a retried job finds the venue's order again by its hash instead of posting a second
 * one. `fills_recorded` flips once, in the transaction that writes the order's LIVE fills.
 */
const UP = `
CREATE TABLE signed_orders (
  intent_id      uuid PRIMARY KEY REFERENCES intents (id),
  order_hash     text NOT NULL UNIQUE,
  salt           text NOT NULL,
  signature      text NOT NULL,
  signed_order   jsonb NOT NULL,
  order_id       text NULL,
  state          text NOT NULL DEFAULT 'SIGNED' CONSTRAINT signed_orders_state_check CHECK (state IN ('SIGNED', 'POSTED', 'DONE')),
  fills_recorded boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
`;

export const SignedOrders1764250000000 = sqlMigration('SignedOrders1764250000000', UP, 'DROP TABLE signed_orders;');
