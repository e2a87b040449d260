export { createDataSource, MIGRATIONS_TABLE, type DataSourceOptions } from './connection/data-source.factory';
export { initDatabase, type InitDatabaseResult } from './connection/init-database';
export { DatabaseConnectionError } from './connection/database-error';
export { InvalidDatabaseUrlError, parseDatabaseUrl, redactPassword, type DatabaseTarget } from './connection/database-url';
export { MIGRATIONS } from './migrations';
export * from './entities';

export { DEFAULT_INTENT_LIST_LIMIT, IntentRepository, MAX_INTENT_LIST_LIMIT } from './intents/intent.repository';
export type { IntentPage, IntentWithoutChecks, ListIntentsOptions, NewIntent, ResolveIdResult, TransitionOptions, TransitionResult } from './intents/intent-repository.types';
export { SignalRepository } from './signals/signal.repository';
export { SIGNAL_DECISIONS, type RecordedSignal, type SignalDecision, type SignalDecisionCounts, type SignalRecord } from './signals/signal-record.types';
export { RiskCheckRepository } from './risk-checks/risk-check.repository';
export { RISK_CHECK_PHASES, type RiskCheckPhase } from './risk-checks/risk-check-phase';
export { ExecutionRepository } from './executions/execution.repository';
export { FillRepository, type FillMode, type StoredFill } from './fills/fill.repository';
export { EXECUTION_MODES, IN_FLIGHT_OUTCOMES, InFlightOutcome, type ExecutionMode, type ExecutionOutcome, type NewExecutionOutcome } from './executions/execution-outcome.types';
export { MarketRepository } from './markets/market.repository';
export { AuditRepository, type AuditEntry, type NewAuditEntry } from './audit/audit.repository';
export { KillSwitchRepository } from './kill-switches/kill-switch.repository';
export type { KillSwitchChange, KillSwitchEvent, KillSwitchState } from './kill-switches/kill-switch.types';
export { AccountSnapshotRepository } from './account/account-snapshot.repository';
export type { AccountSnapshot, NewAccountSnapshot } from './account/account-snapshot.types';
export { SignedOrderRepository, type SignedOrderState, type StoredForPosting, type StoredSignedOrder } from './signed-orders/signed-order.repository';
export { VenueCallRepository, type VenueCall } from './venue-calls/venue-call.repository';
export { PersistenceModule, type PersistenceModuleOptions } from './persistence.module';
export { REPOSITORIES } from './persistence.repositories';

// Test support, exported here because the repo has one path alias per lib; it only touches
// databases it created itself (polybot_test_*).
export { callTimeline, countQueries, createTestDatabase, newIntent, RoundTripDepth, testServerUrl, type TestDatabase } from './testing';
