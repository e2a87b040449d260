import { Injectable } from '@nestjs/common';
import type { RiskCheckResult } from '@polybot/domain';
import { DataSource } from 'typeorm';
import { toRiskCheck, type RiskCheckRow } from '../intents/intent-row.mapper';
import { queryRows } from '../sql/query-rows';
import { insertRiskChecks } from './insert-risk-checks';
import type { RiskCheckPhase } from './risk-check-phase';

/** Checks run after the proposal (at approval, before execution) are kept beside the intent. */
@Injectable()
export class RiskCheckRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(intentId: string, phase: RiskCheckPhase, checks: readonly RiskCheckResult[], at?: Date): Promise<void> {
    await insertRiskChecks(this.dataSource.manager, { intentId, phase, at }, checks);
  }

  async forIntent(intentId: string, phase: RiskCheckPhase): Promise<RiskCheckResult[]> {
    const rows = await queryRows<RiskCheckRow>(
      this.dataSource.manager,
      `SELECT intent_id, name, passed, value, limit_value, message FROM risk_check_results
        WHERE intent_id = $1 AND phase = $2 ORDER BY id`,
      [intentId, phase],
    );
    return rows.map(toRiskCheck);
  }

  async forSignal(signalId: string): Promise<RiskCheckResult[]> {
    const rows = await queryRows<RiskCheckRow>(
      this.dataSource.manager,
      `SELECT intent_id, name, passed, value, limit_value, message FROM risk_check_results
        WHERE signal_id = $1 ORDER BY id`,
      [signalId],
    );
    return rows.map(toRiskCheck);
  }
}
