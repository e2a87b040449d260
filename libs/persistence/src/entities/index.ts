import { AccountStateSnapshotEntity } from './account-state-snapshot.entity';
import { AuditLogEntity } from './audit-log.entity';
import { ExecutionOutcomeEntity } from './execution-outcome.entity';
import { FillEntity } from './fill.entity';
import { IntentEntity } from './intent.entity';
import { KillSwitchEventEntity } from './kill-switch-event.entity';
import { KillSwitchEntity } from './kill-switch.entity';
import { MarketEntity } from './market.entity';
import { RiskCheckResultEntity } from './risk-check-result.entity';
import { SignalEntity } from './signal.entity';
import { VenueCallEntity } from './venue-call.entity';

export {
  AccountStateSnapshotEntity, AuditLogEntity, ExecutionOutcomeEntity, FillEntity, IntentEntity, KillSwitchEventEntity,
  KillSwitchEntity, MarketEntity, RiskCheckResultEntity, SignalEntity, VenueCallEntity,
};

export const ENTITIES = [
  MarketEntity, SignalEntity, IntentEntity, RiskCheckResultEntity, KillSwitchEntity, KillSwitchEventEntity,
  AccountStateSnapshotEntity, ExecutionOutcomeEntity, VenueCallEntity, AuditLogEntity, FillEntity,
];
