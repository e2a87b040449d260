import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows, toNumber } from '../sql/query-rows';

export interface NewAuditEntry {
  readonly actor: string;
  /** A past-tense event, e.g. IntentApproved, KillSwitchTripped, SettingsChanged. */
  readonly action: string;
  readonly entity: string;
  readonly entityId?: string | null;
  readonly details?: Record<string, unknown>;
  readonly at?: Date;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly details: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Record<string, unknown>;
}

function toEntry(row: AuditRow): AuditEntry {
  return { id: toNumber(row.id), at: row.at, actor: row.actor, action: row.action, entity: row.entity, entityId: row.entity_id, details: row.details };
}

/** Append-only: there is no update or delete here, and the table's trigger refuses them anyway. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const [row] = await queryRows<AuditRow>(
      this.dataSource.manager,
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, details)
       VALUES (COALESCE($1, now()), $2, $3, $4, $5, $6::jsonb) RETURNING *`,
      [entry.at ?? null, entry.actor, entry.action, entry.entity, entry.entityId ?? null, JSON.stringify(entry.details ?? {})],
    );
    return toEntry(row);
  }

  /** Newest first; optionally the history of one entity. */
  async recent(limit = 50, filter: { entity?: string; entityId?: string } = {}): Promise<AuditEntry[]> {
    const rows = await queryRows<AuditRow>(
      this.dataSource.manager,
      `SELECT * FROM audit_log
        WHERE ($2::text IS NULL OR entity = $2) AND ($3::text IS NULL OR entity_id = $3)
        ORDER BY id DESC LIMIT $1`,
      [Math.max(1, Math.min(limit, 1000)), filter.entity ?? null, filter.entityId ?? null],
    );
    return rows.map(toEntry);
  }
}
