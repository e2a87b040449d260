import { AccountSnapshotRepository } from './account/account-snapshot.repository';
import { AuditRepository } from './audit/audit.repository';
import { FillRepository } from './fills/fill.repository';
import { ExecutionRepository } from './executions/execution.repository';
import { IntentRepository } from './intents/intent.repository';
import { KillSwitchRepository } from './kill-switches/kill-switch.repository';
import { MarketRepository } from './markets/market.repository';
import { RiskCheckRepository } from './risk-checks/risk-check.repository';
import { SignalRepository } from './signals/signal.repository';
import { SignedOrderRepository } from './signed-orders/signed-order.repository';
import { VenueCallRepository } from './venue-calls/venue-call.repository';

export const REPOSITORIES = [
  AccountSnapshotRepository, AuditRepository, ExecutionRepository, FillRepository, IntentRepository, KillSwitchRepository,
  MarketRepository, RiskCheckRepository, SignalRepository, SignedOrderRepository, VenueCallRepository,
];
