import { Injectable } from '@nestjs/common';
import {
  INTENT_STATUSES, OPEN_INTENT_STATUSES,
  type Intent, type IntentCommand, type IntentStatus, type RiskCheckResult, type Side,
} from '@polybot/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows, toNumber } from '../sql/query-rows';
import { auditIntents, INTENT_EVENTS } from './intent-audit';
import { insertPendingIntent } from './insert-pending-intent';
import { transitionStatement } from './intent-transition.sql';
import { PROPOSAL_CHECKS_JOIN, toIntentWithChecks, type IntentWithChecksRow } from './intent-with-checks.sql';
import { toIntent, toIntentWithoutChecks, toRiskCheck, type IntentRow, type RiskCheckRow } from './intent-row.mapper';
import type { IntentPage, IntentWithoutChecks, ListIntentsOptions, NewIntent, ResolveIdResult, TransitionOptions, TransitionResult } from './intent-repository.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MIN_PREFIX = 6;

/** The most intents one `list` returns; the CLI's --limit and the API's ?limit= accept the same range. */
export const MAX_INTENT_LIST_LIMIT = 1000;
export const DEFAULT_INTENT_LIST_LIMIT = 100;

function listedStatuses(opts: ListIntentsOptions): readonly IntentStatus[] {
  return opts.status ? [opts.status] : opts.all ? INTENT_STATUSES : OPEN_INTENT_STATUSES;
}

function listLimit(limit = DEFAULT_INTENT_LIST_LIMIT): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_INTENT_LIST_LIMIT) {
    throw new RangeError(`intent list limit must be an integer from 1 to ${MAX_INTENT_LIST_LIMIT}, got ${limit}`);
  }
  return limit;
}

/** The only code that reads or writes `intents`; every status change is one conditional UPDATE. */
@Injectable()
export class IntentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Null (not an error) when an open intent already holds this token and side. */
  async createPending(input: NewIntent, checks: readonly RiskCheckResult[], audit: { actor: string }): Promise<Intent | null> {
    const row = await insertPendingIntent(this.dataSource.manager, input, checks, audit.actor);
    return row === undefined ? null : toIntent(row, checks.map((c) => ({ ...c })));
  }

  /**
   * The usual case (the UPDATE matched) is one statement, with its audit row and any re-check rows
   * (`opts.checks`, written only when this call wins). Otherwise the intent's real status is read.
   */
  async transition(id: string, command: IntentCommand, opts: TransitionOptions): Promise<TransitionResult> {
    if (!UUID.test(id)) return { ok: false, error: 'NOT_FOUND' };
    const { sql, params } = transitionStatement(id, command, opts);
    const [moved] = await queryRows<IntentWithChecksRow>(this.dataSource.manager, sql, params);
    if (moved !== undefined) return { ok: true, intent: toIntentWithChecks(moved) };
    return this.dataSource.transaction(async (manager) => {
      if (command === 'Approve') {
        const expired = await this.expireWhere(manager, 'id = $4 AND', [id], opts.now, opts.actor, 'expired before approval');
        if (expired.length === 1) return { ok: false, error: 'WRONG_STATUS', current: 'EXPIRED', intent: expired[0] };
      }
      const current = await this.findWith(manager, id);
      if (current === null) return { ok: false, error: 'NOT_FOUND' };
      return { ok: false, error: 'WRONG_STATUS', current: current.status, intent: current };
    });
  }

  /** Expires every PENDING intent whose time is up, in one UPDATE. */
  async expireDue(now: Date, actor = 'system:expiry'): Promise<Intent[]> {
    return this.dataSource.transaction((manager) => this.expireWhere(manager, '', [], now, actor, 'expired'));
  }

  /** Used by kill switches: every PENDING intent becomes REJECTED with the given reason. */
  async rejectAllPending(reason: string, actor: string, now: Date): Promise<Intent[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<IntentRow>(
        manager,
        `UPDATE intents SET status = 'REJECTED', updated_at = $1, decided_at = $1, decided_by = $2, status_reason = $3
          WHERE status = 'PENDING' RETURNING *`,
        [now, actor, reason],
      );
      await auditIntents(manager, INTENT_EVENTS.Reject, actor, now,
        rows.map((r) => ({ intentId: r.id, details: { from: 'PENDING', to: 'REJECTED', reason } })));
      return this.withChecksMany(manager, rows);
    });
  }

  async findById(id: string): Promise<Intent | null> {
    if (!UUID.test(id)) return null;
    return this.findWith(this.dataSource.manager, id);
  }

  /** A full id, or a unique prefix of at least six characters (what a person types from a list). */
  async resolveId(idOrPrefix: string): Promise<ResolveIdResult> {
    const wanted = idOrPrefix.trim().toLowerCase();
    if (UUID.test(wanted)) {
      const found = await queryRows(this.dataSource.manager, 'SELECT id FROM intents WHERE id = $1', [wanted]);
      return found.length === 1 ? { ok: true, id: wanted } : { ok: false, error: 'NOT_FOUND' };
    }
    if (wanted.length < MIN_PREFIX) return { ok: false, error: 'TOO_SHORT' };
    if (!/^[0-9a-f-]+$/.test(wanted)) return { ok: false, error: 'NOT_FOUND' };
    const matches = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `SELECT id FROM intents WHERE id::text LIKE $1 || '%' LIMIT 2`,
      [wanted],
    );
    if (matches.length === 0) return { ok: false, error: 'NOT_FOUND' };
    if (matches.length > 1) return { ok: false, error: 'AMBIGUOUS' };
    return { ok: true, id: matches[0].id };
  }

  /**
   * The newest `limit` (default 100, at most MAX_INTENT_LIST_LIMIT) intents; open ones only unless a
   * status or `all` is asked for. A limit out of range is an error, never a silently shorter list;
   * `listWithTotal` says whether more intents match than were returned.
   */
  async list(opts: ListIntentsOptions = {}): Promise<Intent[]> {
    return (await this.page(opts, false)).intents;
  }

  /** As `list`, with how many intents match in all; still one round trip (the count is a window over the same rows). */
  async listWithTotal(opts: ListIntentsOptions = {}): Promise<IntentPage> {
    return this.page(opts, true);
  }

  /** One round trip: the page first, then each row's proposal checks; the count only when asked (it reads every match). */
  private async page(opts: ListIntentsOptions, withTotal: boolean): Promise<IntentPage> {
    const rows = await queryRows<IntentWithChecksRow & { total_matching?: string }>(
      this.dataSource.manager,
      `SELECT i.*, pc.* FROM (SELECT *${withTotal ? ', count(*) OVER () AS total_matching' : ''} FROM intents WHERE status = ANY($1::text[])
          ORDER BY created_at DESC, id DESC LIMIT $2) i
         ${PROPOSAL_CHECKS_JOIN} ORDER BY i.created_at DESC, i.id DESC`,
      [listedStatuses(opts), listLimit(opts.limit)],
    );
    const intents = rows.map(toIntentWithChecks);
    // No row: nothing matches at all (the limit is at least 1).
    return { intents, total: rows.length === 0 ? 0 : withTotal ? toNumber(rows[0].total_matching ?? '0') : intents.length };
  }

  /**
   * Every open intent (or those of some open `statuses`), oldest first, without its checks: what
   * exposure sums and the executor's reconciler need, with no join and no limit (a cap would
   * under-count, and leave the oldest owed intents without a job).
   */
  async listOpenWithoutChecks(statuses: readonly IntentStatus[] = OPEN_INTENT_STATUSES): Promise<IntentWithoutChecks[]> {
    const rows = await queryRows<IntentRow>(
      this.dataSource.manager,
      'SELECT * FROM intents WHERE status = ANY($1::text[]) ORDER BY created_at, id',
      [statuses],
    );
    return rows.map(toIntentWithoutChecks);
  }

  async countByStatus(): Promise<Record<IntentStatus, number>> {
    const rows = await queryRows<{ status: IntentStatus; n: string }>(
      this.dataSource.manager,
      'SELECT status, count(*) AS n FROM intents GROUP BY status',
    );
    const counts = Object.fromEntries(INTENT_STATUSES.map((s) => [s, 0])) as Record<IntentStatus, number>;
    for (const row of rows) counts[row.status] = toNumber(row.n);
    return counts;
  }

  /** Intents created or decided in [since, until), oldest first: what a period's report counts. */
  async createdOrDecidedBetween(since: Date, until: Date): Promise<Intent[]> {
    const rows = await queryRows<IntentRow>(
      this.dataSource.manager,
      `SELECT * FROM intents
        WHERE (created_at >= $1 AND created_at < $2) OR (decided_at >= $1 AND decided_at < $2)
        ORDER BY created_at, id`,
      [since, until],
    );
    return this.withChecksMany(this.dataSource.manager, rows);
  }

  async findOpenFor(tokenId: string, side: Side): Promise<Intent | null> {
    const [row] = await queryRows<IntentRow>(
      this.dataSource.manager,
      'SELECT * FROM intents WHERE token_id = $1 AND side = $2 AND status = ANY($3::text[])',
      [tokenId, side, OPEN_INTENT_STATUSES],
    );
    return row === undefined ? null : (await this.withChecksMany(this.dataSource.manager, [row]))[0];
  }

  private async expireWhere(
    manager: EntityManager, extraWhere: string, extraParams: readonly unknown[], now: Date, actor: string, reason: string,
  ): Promise<Intent[]> {
    const rows = await queryRows<IntentRow>(
      manager,
      `UPDATE intents SET status = 'EXPIRED', updated_at = $1, decided_at = $1, decided_by = $2, status_reason = $3
        WHERE ${extraWhere} status = 'PENDING' AND expires_at <= $1 RETURNING *`,
      [now, actor, reason, ...extraParams],
    );
    await auditIntents(manager, INTENT_EVENTS.Expire, actor, now,
      rows.map((r) => ({ intentId: r.id, details: { from: 'PENDING', to: 'EXPIRED', reason } })));
    return this.withChecksMany(manager, rows);
  }

  private async findWith(manager: EntityManager, id: string): Promise<Intent | null> {
    const [row] = await queryRows<IntentWithChecksRow>(manager, `SELECT i.*, pc.* FROM intents i ${PROPOSAL_CHECKS_JOIN} WHERE i.id = $1`, [id]);
    return row === undefined ? null : toIntentWithChecks(row);
  }

  private async withChecksMany(manager: EntityManager, rows: readonly IntentRow[]): Promise<Intent[]> {
    if (rows.length === 0) return [];
    const checks = await queryRows<RiskCheckRow>(
      manager,
      `SELECT intent_id, name, passed, value, limit_value, message FROM risk_check_results
        WHERE intent_id = ANY($1::uuid[]) AND phase = 'PROPOSAL' ORDER BY id`,
      [rows.map((r) => r.id)],
    );
    const byIntent = new Map<string, RiskCheckResult[]>();
    for (const check of checks) {
      const list = byIntent.get(check.intent_id ?? '') ?? [];
      list.push(toRiskCheck(check));
      byIntent.set(check.intent_id ?? '', list);
    }
    return rows.map((row) => toIntent(row, byIntent.get(row.id) ?? []));
  }
}
