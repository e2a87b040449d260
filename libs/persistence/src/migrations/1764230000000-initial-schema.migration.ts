import { sqlMigration } from './sql-migration';

/*
 * Money, prices and probabilities are `double precision`: every value starts life as a JS number
 * (the venue's strings are parsed at the edge), the amounts are dollars and cents far below 2^53,
 * risk limits compare them with a margin, and node-postgres returns float8 as a number with no
 * transformer to forget. The enum lists below are frozen copies: a later migration changes them.
 */
const UP = `
CREATE TABLE markets (
  market_id        text PRIMARY KEY,
  condition_id     text NOT NULL,
  question         text NOT NULL,
  slug             text NOT NULL,
  event_id         text NULL,
  event_slug       text NULL,
  neg_risk         boolean NOT NULL DEFAULT false,
  end_date         timestamptz NULL,
  category         text NULL,
  tags             jsonb NOT NULL DEFAULT '[]'::jsonb,
  active           boolean NOT NULL,
  closed           boolean NOT NULL,
  accepting_orders boolean NOT NULL,
  last_snapshot    jsonb NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX markets_condition_id_idx ON markets (condition_id);
CREATE INDEX markets_event_id_idx ON markets (event_id);

CREATE TABLE intents (
  id             uuid PRIMARY KEY,
  type           text NOT NULL CONSTRAINT intents_type_check CHECK (type IN ('OPEN_POSITION', 'CLOSE_POSITION', 'CLAIM_SETTLEMENT')),
  status         text NOT NULL CONSTRAINT intents_status_check
                   CHECK (status IN ('PENDING', 'APPROVED', 'EXECUTING', 'EXECUTED', 'FAILED', 'REJECTED', 'EXPIRED')),
  market_id      text NOT NULL,
  condition_id   text NOT NULL,
  token_id       text NOT NULL,
  outcome        text NOT NULL,
  side           text NOT NULL CONSTRAINT intents_side_check CHECK (side IN ('BUY', 'SELL')),
  price          double precision NOT NULL CONSTRAINT intents_price_check CHECK (price >= 0 AND price <= 1),
  size_usd       double precision NOT NULL CONSTRAINT intents_size_usd_check CHECK (size_usd >= 0),
  edge           double precision NULL,
  model_prob     double precision NULL,
  market_price   double precision NULL,
  confidence     double precision NULL,
  reason         text NOT NULL,
  strategy       text NULL,
  signal_id      uuid NULL,
  cycle_id       text NULL,
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  decided_at     timestamptz NULL,
  decided_by     text NULL,
  status_reason  text NULL,
  executed_at    timestamptz NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
-- At most one open intent per token and side: the database, not a read-then-write, enforces it.
CREATE UNIQUE INDEX intents_one_open_per_token_side ON intents (token_id, side)
  WHERE status IN ('PENDING', 'APPROVED', 'EXECUTING');
CREATE INDEX intents_status_expires_at_idx ON intents (status, expires_at);
CREATE INDEX intents_created_at_idx ON intents (created_at DESC);

CREATE TABLE signals (
  id           uuid PRIMARY KEY,
  cycle_id     text NOT NULL,
  strategy     text NOT NULL,
  market_id    text NOT NULL,
  condition_id text NOT NULL,
  token_id     text NOT NULL,
  outcome      text NOT NULL,
  side         text NOT NULL CONSTRAINT signals_side_check CHECK (side IN ('BUY', 'SELL')),
  model_prob   double precision NOT NULL,
  market_price double precision NOT NULL,
  edge         double precision NOT NULL,
  confidence   double precision NOT NULL,
  reason       text NOT NULL,
  decision     text NOT NULL CONSTRAINT signals_decision_check CHECK (decision IN ('PROPOSED', 'DENIED', 'DUPLICATE')),
  intent_id    uuid NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signals_created_at_idx ON signals (created_at DESC);
CREATE INDEX signals_cycle_id_idx ON signals (cycle_id);

CREATE TABLE risk_check_results (
  id          bigserial PRIMARY KEY,
  intent_id   uuid NULL REFERENCES intents (id) ON DELETE CASCADE,
  signal_id   uuid NULL REFERENCES signals (id) ON DELETE CASCADE,
  phase       text NOT NULL CONSTRAINT risk_check_results_phase_check CHECK (phase IN ('PROPOSAL', 'APPROVAL', 'EXECUTION')),
  name        text NOT NULL,
  passed      boolean NOT NULL,
  value       double precision NOT NULL,
  limit_value double precision NOT NULL,
  message     text NOT NULL,
  checked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_check_results_intent_idx ON risk_check_results (intent_id, phase, id);
CREATE INDEX risk_check_results_signal_idx ON risk_check_results (signal_id, id);

CREATE TABLE kill_switches (
  name       text PRIMARY KEY,
  tripped    boolean NOT NULL,
  tripped_at timestamptz NULL,
  value      double precision NULL,
  threshold  double precision NULL,
  reason     text NULL,
  cleared_at timestamptz NULL,
  cleared_by text NULL
);

CREATE TABLE kill_switch_events (
  id        bigserial PRIMARY KEY,
  name      text NOT NULL,
  action    text NOT NULL CONSTRAINT kill_switch_events_action_check CHECK (action IN ('TRIPPED', 'CLEARED')),
  value     double precision NULL,
  threshold double precision NULL,
  reason    text NULL,
  actor     text NOT NULL,
  at        timestamptz NOT NULL
);
CREATE INDEX kill_switch_events_at_idx ON kill_switch_events (at DESC);

CREATE TABLE account_state_snapshots (
  id          bigserial PRIMARY KEY,
  taken_at    timestamptz NOT NULL,
  mode        text NOT NULL,
  bankroll    double precision NULL,
  cash        double precision NULL,
  equity      double precision NULL,
  positions   jsonb NOT NULL DEFAULT '[]'::jsonb,
  open_orders jsonb NOT NULL DEFAULT '[]'::jsonb,
  balances    jsonb NOT NULL DEFAULT '{}'::jsonb,
  unavailable jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX account_state_snapshots_taken_at_idx ON account_state_snapshots (taken_at DESC);

CREATE TABLE execution_outcomes (
  id            uuid PRIMARY KEY,
  intent_id     uuid NOT NULL UNIQUE REFERENCES intents (id),
  mode          text NOT NULL CONSTRAINT execution_outcomes_mode_check CHECK (mode IN ('DRY_RUN', 'PAPER', 'LIVE')),
  status        text NOT NULL,
  order_request jsonb NOT NULL,
  order_id      text NULL,
  filled_size   double precision NOT NULL DEFAULT 0,
  avg_price     double precision NULL,
  fees          double precision NOT NULL DEFAULT 0,
  error         text NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX execution_outcomes_created_at_idx ON execution_outcomes (created_at DESC);

CREATE TABLE venue_calls (
  bucket_start timestamptz NOT NULL,
  endpoint     text NOT NULL,
  ok_count     integer NOT NULL DEFAULT 0,
  error_count  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_start, endpoint)
);

CREATE TABLE audit_log (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  action    text NOT NULL,
  entity    text NOT NULL,
  entity_id text NULL,
  details   jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

-- The audit trail is append-only: history is never rewritten, not even by our own code.
CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();
`;

const DOWN = `
DROP TABLE IF EXISTS audit_log;
DROP FUNCTION IF EXISTS audit_log_reject_change();
DROP TABLE IF EXISTS venue_calls;
DROP TABLE IF EXISTS execution_outcomes;
DROP TABLE IF EXISTS account_state_snapshots;
DROP TABLE IF EXISTS kill_switch_events;
DROP TABLE IF EXISTS kill_switches;
DROP TABLE IF EXISTS risk_check_results;
DROP TABLE IF EXISTS signals;
DROP TABLE IF EXISTS intents;
DROP TABLE IF EXISTS markets;
`;

export const InitialSchema1764230000000 = sqlMigration('InitialSchema1764230000000', UP, DOWN);
