import { Injectable } from '@nestjs/common';
import type { Fill } from '@polybot/domain';
import { DataSource } from 'typeorm';
import type { FillRepository } from '../fills/fill.repository';
import { InFlightOutcome } from '../executions/execution-outcome.types';
import { ON_OUTCOME_CONFLICT, outcomeValues, UPSERT_OUTCOME } from '../executions/upsert-outcome.sql';
import { queryRows } from '../sql/query-rows';

/**
 * SIGNED -> POSTING (a claim to post; taken again before each post, which refreshes its time)
 * -> POSTED (the venue has it) -> DONE (its fills written). SIGNED, or a POSTING claim older than
 * any post in flight, -> WITHHELD: never posted, terminal. A post and a withhold each pass one
 * conditional UPDATE of the row, so they exclude each other.
 */
export type SignedOrderState = 'SIGNED' | 'POSTING' | 'POSTED' | 'DONE' | 'WITHHELD';

export interface StoredSignedOrder {
  readonly intentId: string;
  readonly orderHash: string;
  readonly salt: string;
  readonly signature: string;
  /** The signed order exactly as posted. */
  readonly signedOrder: unknown;
  /** The venue's order id, once it answered. */
  readonly orderId: string | null;
  readonly state: SignedOrderState;
  /** A WITHHELD row stored before any order was signed (withholdUnsent): there is no order to look for or cancel. */
  readonly neverSigned: boolean;
  readonly fillsRecorded: boolean;
  readonly createdAt: Date;
  /** The time of the last change: for POSTING, of the latest claim to post. */
  readonly updatedAt: Date;
}

/** A freshly stored order: `postClaimed` when this call stored it, as POSTING, and so holds the claim to post it (under its claim token). */
export interface StoredForPosting extends StoredSignedOrder {
  readonly postClaimed: boolean;
}

interface SignedOrderRow {
  intent_id: string;
  order_hash: string;
  salt: string;
  signature: string;
  signed_order: unknown;
  order_id: string | null;
  state: SignedOrderState;
  fills_recorded: boolean;
  created_at: Date;
  updated_at: Date;
}

function toStored(row: SignedOrderRow): StoredSignedOrder {
  return {
    intentId: row.intent_id, orderHash: row.order_hash, salt: row.salt, signature: row.signature, signedOrder: row.signed_order,
    orderId: row.order_id, state: row.state, neverSigned: row.order_hash.startsWith(NEVER_SIGNED), fillsRecorded: row.fills_recorded,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** The order hash of a row withheld before any order was signed (unique per intent, as the column must be). */
const NEVER_SIGNED = 'never-signed:';

/** The signed order of each live intent: stored before posting, so it is posted at most once. */
@Injectable()
export class SignedOrderRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the intent's signed order unless one is stored already, and returns the stored one:
   * a caller that lost the race must use the returned order, never its own fresh signature.
   */
  async storeOnce(intentId: string, order: { readonly orderHash: string; readonly salt: string; readonly signature: string; readonly signedOrder: unknown }): Promise<StoredSignedOrder> {
    await queryRows(
      this.dataSource.manager,
      `INSERT INTO signed_orders (intent_id, order_hash, salt, signature, signed_order) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (intent_id) DO NOTHING`,
      [intentId, order.orderHash, order.salt, order.signature, JSON.stringify(order.signedOrder)],
    );
    const stored = await this.findByIntent(intentId);
    if (!stored) throw new Error(`signed order for intent ${intentId} was not stored`);
    return stored;
  }

  /**
   * storeOnce and, when this call stored it, the intent's SIGNED outcome (`order` as the order
   * request, the hash as order id), in one statement. The no-op DO UPDATE makes a lost race
   * return the winner's row (DO NOTHING would return none); the winner wrote the outcome.
   * The winner stores it already claimed to post (POSTING): the order is posted next, and a claim
   * taken here costs the approve -> order path no round trip. A loser must claim it (claimPost).
   */
  async storeOnceWithOutcome(
    intentId: string,
    order: { readonly orderHash: string; readonly salt: string; readonly signature: string; readonly signedOrder: unknown },
    orderRequest: unknown,
    claimToken: string,
  ): Promise<StoredForPosting> {
    const outcome = outcomeValues({ intentId, mode: 'LIVE', status: InFlightOutcome.Signed, orderRequest });
    const [row] = await queryRows<SignedOrderRow & { inserted: boolean }>(
      this.dataSource.manager,
      `WITH stored AS (
         INSERT INTO signed_orders (intent_id, order_hash, salt, signature, signed_order, state, claim_token) VALUES ($1, $2, $3, $4, $5::jsonb, 'POSTING', $14::uuid)
         ON CONFLICT (intent_id) DO UPDATE SET intent_id = signed_orders.intent_id
         RETURNING *, (xmax = 0) AS inserted
       ), outcome AS (
         ${UPSERT_OUTCOME}
         SELECT $6::uuid, stored.intent_id, $7::text, $8::text, $9::jsonb, stored.order_hash, $10::float8, $11::float8, $12::float8, $13::text
           FROM stored WHERE stored.inserted
         ${ON_OUTCOME_CONFLICT}
       )
       SELECT * FROM stored`,
      [intentId, order.orderHash, order.salt, order.signature, JSON.stringify(order.signedOrder), outcome[0], ...outcome.slice(2, 5), ...outcome.slice(6), claimToken],
    );
    if (!row) throw new Error(`signed order for intent ${intentId} was not stored`);
    return { ...toStored(row), postClaimed: row.inserted };
  }

  /** Runs one conditional UPDATE of an intent's row (`... RETURNING intent_id`): true when it changed the row. */
  private async changedRow(sql: string, params: readonly unknown[]): Promise<boolean> {
    return (await queryRows<{ intent_id: string }>(this.dataSource.manager, sql, params)).length > 0;
  }

  async findByIntent(intentId: string): Promise<StoredSignedOrder | null> {
    const [row] = await queryRows<SignedOrderRow>(this.dataSource.manager, 'SELECT * FROM signed_orders WHERE intent_id = $1', [intentId]);
    return row === undefined ? null : toStored(row);
  }

  /**
   * The claim to post the order, taken before every post: false when it may not be posted
   * (withheld, or already posted). Taken again by another poster it only moves the claim's time:
   * posting the same signed order twice places it once (the venue knows it by its hash). The claim
   * is made under the claiming delivery's token: the latest claim's token is kept (withholdRefused).
   */
  async claimPost(intentId: string, claimToken: string): Promise<boolean> {
    return this.changedRow(
      `UPDATE signed_orders SET state = 'POSTING', claim_token = $2::uuid, updated_at = now() WHERE intent_id = $1 AND state IN ('SIGNED', 'POSTING') RETURNING intent_id`,
      [intentId, claimToken],
    );
  }

  /**
   * The venue refused the order posted under `claimToken`: withholds it for good, so that no other
   * delivery of the job posts it after the refusal, if the latest claim is still that one. True
   * when the order is now WITHHELD (by this call or before); false when another delivery claimed it
   * since (it may be posting it: the intent is not failed under it) or it was posted.
   */
  async withholdRefused(intentId: string, claimToken: string): Promise<boolean> {
    return this.changedRow(
      `UPDATE signed_orders SET state = 'WITHHELD', updated_at = now()
        WHERE intent_id = $1 AND ((state = 'POSTING' AND claim_token = $2::uuid) OR state = 'WITHHELD')
        RETURNING intent_id`,
      [intentId, claimToken],
    );
  }

  /**
   * Withholds the order for good: true when it was stored (SIGNED) or last claimed to post
   * (POSTING) longer than `minClaimAgeMs` ago, by when any post made under it has ended; false
   * while a post may be in flight, or once the order was posted. A SIGNED row is aged too: only
   * code from before the fence writes one, and it posts without a claim.
   */
  async withhold(intentId: string, minClaimAgeMs: number): Promise<boolean> {
    return this.changedRow(
      `UPDATE signed_orders SET state = 'WITHHELD', updated_at = now()
        WHERE intent_id = $1 AND state IN ('SIGNED', 'POSTING') AND updated_at < now() - make_interval(secs => $2::float8 / 1000)
        RETURNING intent_id`,
      [intentId, minClaimAgeMs],
    );
  }

  /**
   * Before an intent is failed with no order of its execution stored: stores a WITHHELD row in
   * its order's place, so that another delivery of its job (a lost lock lets two run at once) can
   * never store and post one after it. True when the intent's row is now WITHHELD (this call's, or
   * one withheld before); false when another delivery stored its order first, which must then be
   * reconciled rather than failed.
   */
  async withholdUnsent(intentId: string): Promise<boolean> {
    const [row] = await queryRows<{ state: SignedOrderState | null }>(
      this.dataSource.manager,
      `WITH fenced AS (
         INSERT INTO signed_orders (intent_id, order_hash, salt, signature, signed_order, state)
         VALUES ($1, $2, '', '', 'null'::jsonb, 'WITHHELD')
         ON CONFLICT (intent_id) DO NOTHING RETURNING state
       )
       SELECT coalesce((SELECT state FROM fenced), (SELECT state FROM signed_orders WHERE intent_id = $1)) AS state`,
      [intentId, `${NEVER_SIGNED}${intentId}`],
    );
    // A row committed by a delivery that raced this statement is not in its snapshot: null, not WITHHELD.
    return row?.state === 'WITHHELD';
  }

  /** The venue has the order (it answered, or reconciliation found it); false when the order was withheld, which this never undoes. */
  async markPosted(intentId: string, orderId: string): Promise<boolean> {
    return this.changedRow(
      `UPDATE signed_orders SET state = CASE WHEN state = 'DONE' THEN state ELSE 'POSTED' END, order_id = $2, updated_at = now()
        WHERE intent_id = $1 AND state <> 'WITHHELD' RETURNING intent_id`,
      [intentId, orderId],
    );
  }

  /**
   * Writes the order's LIVE fills and marks them written, in one transaction: true when this call
   * wrote them, false when an earlier one had (so a resumed execution never doubles a fill).
   */
  async recordFillsOnce(intentId: string, fills: readonly Fill[], fillRepository: FillRepository): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = await queryRows<{ intent_id: string }>(
        manager,
        `UPDATE signed_orders SET fills_recorded = true, state = 'DONE', updated_at = now() WHERE intent_id = $1 AND NOT fills_recorded RETURNING intent_id`,
        [intentId],
      );
      if (claimed.length === 0) return false;
      await fillRepository.recordMany('LIVE', fills, manager);
      return true;
    });
  }
}
