import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows, toNumber } from '../sql/query-rows';
import type { KillSwitchChange, KillSwitchEvent, KillSwitchState } from './kill-switch.types';

interface KillSwitchRow {
  name: string;
  tripped: boolean;
  tripped_at: Date | null;
  value: number | null;
  threshold: number | null;
  reason: string | null;
  cleared_at: Date | null;
  cleared_by: string | null;
}

interface KillSwitchEventRow {
  id: string;
  name: string;
  action: 'TRIPPED' | 'CLEARED';
  value: number | null;
  threshold: number | null;
  reason: string | null;
  actor: string;
  at: Date;
}

function toState(row: KillSwitchRow): KillSwitchState {
  return {
    name: row.name, tripped: row.tripped, trippedAt: row.tripped_at, value: row.value, threshold: row.threshold,
    reason: row.reason, clearedAt: row.cleared_at, clearedBy: row.cleared_by,
  };
}

/** State rows say what is tripped now; events (and the audit log) say what happened. */
@Injectable()
export class KillSwitchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: tripping a tripped switch changes nothing and records no event. */
  async trip(name: string, value: number | null, threshold: number | null, reason: string, actor: string, now: Date): Promise<KillSwitchChange> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<KillSwitchRow>(
        manager,
        `INSERT INTO kill_switches (name, tripped, tripped_at, value, threshold, reason, cleared_at, cleared_by)
         VALUES ($1, true, $2, $3, $4, $5, NULL, NULL)
         ON CONFLICT (name) DO UPDATE SET tripped = true, tripped_at = EXCLUDED.tripped_at, value = EXCLUDED.value,
           threshold = EXCLUDED.threshold, reason = EXCLUDED.reason, cleared_at = NULL, cleared_by = NULL
         WHERE kill_switches.tripped = false
         RETURNING *`,
        [name, now, value, threshold, reason],
      );
      if (row === undefined) return { changed: false, state: await this.find(manager, name) };
      await this.recordEvent(manager, { name, action: 'TRIPPED', value, threshold, reason, actor, at: now });
      return { changed: true, state: toState(row) };
    });
  }

  /** Manual override; clearing a switch that is not tripped changes nothing. */
  async clear(name: string, actor: string, now: Date): Promise<KillSwitchChange> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<KillSwitchRow>(
        manager,
        `UPDATE kill_switches SET tripped = false, cleared_at = $2, cleared_by = $3
          WHERE name = $1 AND tripped RETURNING *`,
        [name, now, actor],
      );
      if (row === undefined) return { changed: false, state: await this.find(manager, name) };
      await this.recordEvent(manager, { name, action: 'CLEARED', value: row.value, threshold: row.threshold, reason: null, actor, at: now });
      return { changed: true, state: toState(row) };
    });
  }

  async list(): Promise<KillSwitchState[]> {
    const rows = await queryRows<KillSwitchRow>(this.dataSource.manager, 'SELECT * FROM kill_switches ORDER BY name');
    return rows.map(toState);
  }

  async tripped(): Promise<KillSwitchState[]> {
    return (await this.list()).filter((s) => s.tripped);
  }

  async events(limit = 50): Promise<KillSwitchEvent[]> {
    const rows = await queryRows<KillSwitchEventRow>(
      this.dataSource.manager, 'SELECT * FROM kill_switch_events ORDER BY id DESC LIMIT $1', [Math.max(1, Math.min(limit, 1000))]);
    return rows.map((row) => ({ ...row, id: toNumber(row.id) }));
  }

  /** Trips and clears in [since, until), oldest first. */
  async eventsBetween(since: Date, until: Date): Promise<KillSwitchEvent[]> {
    const rows = await queryRows<KillSwitchEventRow>(
      this.dataSource.manager, 'SELECT * FROM kill_switch_events WHERE at >= $1 AND at < $2 ORDER BY at, id', [since, until]);
    return rows.map((row) => ({ ...row, id: toNumber(row.id) }));
  }

  private async find(manager: EntityManager, name: string): Promise<KillSwitchState | null> {
    const [row] = await queryRows<KillSwitchRow>(manager, 'SELECT * FROM kill_switches WHERE name = $1', [name]);
    return row === undefined ? null : toState(row);
  }

  private async recordEvent(manager: EntityManager, e: Omit<KillSwitchEvent, 'id'>): Promise<void> {
    await queryRows(
      manager,
      `WITH event AS (
         INSERT INTO kill_switch_events (name, action, value, threshold, reason, actor, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
       )
       INSERT INTO audit_log (at, actor, action, entity, entity_id, details)
       SELECT $7, $6, $8, 'kill_switch', $1, jsonb_build_object('value', $3::float8, 'threshold', $4::float8, 'reason', $5::text)`,
      [e.name, e.action, e.value, e.threshold, e.reason, e.actor, e.at, e.action === 'TRIPPED' ? 'KillSwitchTripped' : 'KillSwitchCleared'],
    );
  }
}
