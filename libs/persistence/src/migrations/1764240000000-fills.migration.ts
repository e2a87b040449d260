import { sqlMigration } from './sql-migration';

/**
 * Fills are the paper (and, later, live) ledger's source of truth: cash and positions are folded
 * from them, never stored twice. Append-only like the audit log, for the same reason.
 */
const UP = `
CREATE TABLE fills (
  id           bigserial PRIMARY KEY,
  intent_id    uuid NOT NULL REFERENCES intents (id),
  mode         text NOT NULL CONSTRAINT fills_mode_check CHECK (mode IN ('PAPER', 'LIVE')),
  kind         text NOT NULL CONSTRAINT fills_kind_check CHECK (kind IN ('TRADE', 'SETTLEMENT')),
  token_id     text NOT NULL,
  market_id    text NOT NULL,
  condition_id text NOT NULL,
  outcome      text NOT NULL,
  category     text NULL,
  side         text NOT NULL CONSTRAINT fills_side_check CHECK (side IN ('BUY', 'SELL')),
  price        double precision NOT NULL CONSTRAINT fills_price_check CHECK (price >= 0 AND price <= 1),
  shares       double precision NOT NULL CONSTRAINT fills_shares_check CHECK (shares > 0),
  fee_usd      double precision NOT NULL DEFAULT 0 CONSTRAINT fills_fee_check CHECK (fee_usd >= 0),
  at           timestamptz NOT NULL
);
CREATE INDEX fills_mode_at_idx ON fills (mode, at);
CREATE INDEX fills_intent_idx ON fills (intent_id);

CREATE TRIGGER fills_append_only
  BEFORE UPDATE OR DELETE ON fills
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
`;

export const Fills1764240000000 = sqlMigration('Fills1764240000000', UP, 'DROP TABLE fills;');
