import type { Pool } from 'pg';
import { BroadcastEvent, BroadcastListener } from '@polybot/queues';
import { epochNow } from './bench-clock';
import { splitByCycleOverlap, type ByCycleOverlap, type CycleWindow } from './cycle-overlap';
import { approvalStages, latencyStages, type ApprovalStages, type LatencyStages, type TimedApproval, type TimedChange } from './latency-stages';
import { OrderPathWatcher } from './order-path.watcher';
import { progress, sleep } from './progress';
import type { ServiceStack } from './service.stack';
import { simJson, type BenchSimulator } from './simulator.process';
import { summarize, type LatencySummary } from './stats';
import { VenueFrameProbe } from './venue-frame.probe';

/** A neg-risk scenario event made before the services start, so it is in the first cycle's catalogue. */
export interface ScenarioEvent {
  readonly eventId: string;
  /** YES token of the first leg: the one the bench moves. */
  readonly moved: string;
  /** YES token of the second leg: moving the first one down gives it an edge (see below). */
  readonly target: string;
}

interface MispricingAnswer {
  eventId: string;
  tokenIds: [string, string][];
}

export async function makeScenarioEvents(sim: BenchSimulator, count: number): Promise<ScenarioEvent[]> {
  const events: ScenarioEvent[] = [];
  for (let n = 0; n < count; n++) {
    const answer = await simJson<MispricingAnswer>(sim, '/_sim/scenario/mispricing', {});
    events.push({ eventId: answer.eventId, moved: answer.tokenIds[0][0], target: answer.tokenIds[1][0] });
  }
  return events;
}

export interface LatencyResult {
  readonly changes: number;
  readonly missed: number;
  /** Why changes were missed: risk's decision on the target token's signals within the 3 s ('no signal' when strategy sent none). */
  readonly missedWhy: Record<string, number>;
  /** setPrice request sent -> intent.proposed heard on Redis (bench clock both ends). */
  readonly priceChangeToPending: LatencySummary;
  /** setPrice request sent -> the intent's created_at (risk's clock; same machine). */
  readonly priceChangeToCreatedAt: LatencySummary;
  /** setPrice sent -> the venue's frame for the moved token heard by the bench's own socket: the simulator's part. */
  readonly changeToVenueFrame: LatencySummary;
  /**
   * The venue's frame (as the bench's socket heard it) -> intent.proposed heard: the issue's
   * "websocket price change -> PENDING intent", without the simulator's handling of the request.
   */
  readonly venueFrameToPending: LatencySummary;
  /** The same latencies, split by whether an ingest cycle was running when the change was made. */
  readonly priceChangeByCycle: ByCycleOverlap;
  readonly stages: LatencyStages;
  readonly approvals: number;
  readonly ordersMatched: number;
  /** Approve response received -> the simulator's receivedAt of the order post (ms resolution). */
  readonly approveToOrder: LatencySummary;
  /** Approve request sent -> order received. */
  readonly approveRequestToOrder: LatencySummary;
  readonly approvalStages: ApprovalStages;
  /** Approve -> order of the warm-up changes' approvals (not in the figures above). */
  readonly warmUpApproveToOrder: LatencySummary;
}

interface HeardIntent {
  readonly heardAt: number;
  readonly createdAt: number;
}

/**
 * Changes made (and every 5th approved) before the timed ones: a service's first runs of its code
 * paths (compiling them, a first signature, first statements) took 100-200 ms per approval, a
 * cost paid once after a start, not per order. Their approvals are reported apart.
 */
export const WARM_UP_CHANGES = 25;

/** A change whose intent is not heard by then is counted as missed (and left out of the percentiles). */
const MISS_AFTER_MS = 3_000;

/**
 * Scenario events start with YES mids 0.20 / 0.20 / 0.40 (sum 0.80). Moving the first leg's mid to
 * 0.10 (sum 0.70) or 0.12 (sum 0.72) gives the second leg a fair value of 0.286 / 0.278 against an
 * ask of 0.21: an edge of 7.6 / 6.8 points, over the 5-point threshold; the first leg stays under it
 * and the third already has its intent. Alternating the two mids makes every move a real change.
 * The second leg's previous intent is rejected first, so each move proposes exactly one new one.
 */
export async function measureLatency(opts: {
  sim: BenchSimulator;
  stack: ServiceStack;
  db: Pool;
  redisUrl: string;
  events: readonly ScenarioEvent[];
  changes: number;
  approveEvery: number;
  /** The ingest cycles that ran, read once the changes are timed. */
  cycles: () => readonly CycleWindow[];
}): Promise<LatencyResult> {
  const { sim, stack, db } = opts;
  const targets = new Set(opts.events.map((e) => e.target));
  const pendingByToken = new Map<string, Set<string>>();
  const waiting = new Map<string, (heard: HeardIntent) => void>();

  const listener = new BroadcastListener(opts.redisUrl, (received) => {
    if (received.event !== BroadcastEvent.IntentProposed) return;
    const heardAt = epochNow();
    const intentId = received.payload.intentId;
    // Other runs on this Redis publish on the same channels: only intents of this database count.
    void db
      .query<{ token_id: string; created_at: Date; type: string }>('SELECT token_id, created_at, type FROM intents WHERE id = $1', [intentId])
      .then(({ rows }) => {
        const row = rows[0];
        if (!row || row.type !== 'OPEN_POSITION' || !targets.has(row.token_id)) return;
        const set = pendingByToken.get(row.token_id) ?? new Set<string>();
        set.add(intentId);
        pendingByToken.set(row.token_id, set);
        waiting.get(row.token_id)?.({ heardAt, createdAt: row.created_at.getTime() });
      })
      .catch(() => undefined);
  });
  await listener.ready();
  const orderPaths = new OrderPathWatcher(stack);
  const probe = await VenueFrameProbe.open(`${sim.env.POLYBOT_CLOB_WS_URL}/market`, opts.events.map((event) => event.moved));

  const api = async (path: string, body: unknown): Promise<number> => {
    const response = await fetch(`${stack.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    return response.status;
  };

  const toPending: number[] = [];
  const toCreated: number[] = [];
  const timed: TimedChange[] = [];
  const toVenueFrame: number[] = [];
  const fromVenueFrame: number[] = [];
  const approvals: { intentId: string; token: string; requestAt: number; responseAt: number; warmUp: boolean }[] = [];
  const uses = new Map<string, number>();
  const missedChanges: { startedAt: number; token: string }[] = [];
  const record = (startedAt: number, result: HeardIntent, event: ScenarioEvent): void => {
    toPending.push(result.heardAt - startedAt);
    const frameAt = probe.firstAfter(event.moved, startedAt);
    if (frameAt !== undefined && frameAt <= result.heardAt) {
      toVenueFrame.push(frameAt - startedAt);
      fromVenueFrame.push(result.heardAt - frameAt);
    }
    toCreated.push(result.createdAt - startedAt);
    timed.push({ startedAt, heardAt: result.heardAt, token: event.target });
  };
  try {
    for (let n = 0; n < WARM_UP_CHANGES + opts.changes; n++) {
      const warmUp = n < WARM_UP_CHANGES;
      const event = opts.events[n % opts.events.length];
      for (const intentId of pendingByToken.get(event.target) ?? []) await api(`/intents/${intentId}/reject`, { reason: 'bench: next price change' });
      pendingByToken.delete(event.target);
      const use = uses.get(event.eventId) ?? 0;
      uses.set(event.eventId, use + 1);

      const heard = new Promise<HeardIntent | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), MISS_AFTER_MS);
        waiting.set(event.target, (h) => {
          if (h.heardAt < startedAt) return;
          clearTimeout(timer);
          resolve(h);
        });
      });
      const startedAt = epochNow();
      await simJson(sim, '/_sim/scenario/price', { token_id: event.moved, mid: use % 2 === 0 ? 0.1 : 0.12 });
      const result = await heard;
      waiting.delete(event.target);
      if (!result) {
        if (!warmUp) missedChanges.push({ startedAt, token: event.target });
        continue;
      }
      if (!warmUp) record(startedAt, result, event);
      const intentId = [...(pendingByToken.get(event.target) ?? [])].pop();

      if (intentId && opts.approveEvery > 0 && n % opts.approveEvery === 0) {
        const requestAt = epochNow();
        const status = await api(`/intents/${intentId}/approve`, {});
        const responseAt = epochNow();
        pendingByToken.get(event.target)?.delete(intentId);
        if (status === 200) {
          approvals.push({ intentId, token: event.target, requestAt, responseAt, warmUp });
          // The next change waits for this order: otherwise its own trip through every service ran on
          // the same two cores as the execution being timed (the churn and the cycles still do).
          await orderPaths.executed(intentId, MISS_AFTER_MS);
        }
      }
      const done = n + 1 - WARM_UP_CHANGES;
      if (done > 0 && done % 100 === 0) progress(`  ${done}/${opts.changes} price changes (${missedChanges.length} without an intent within ${MISS_AFTER_MS / 1000} s)`);
    }
  } finally {
    probe.close();
    await listener.close();
  }

  // The executor posts asynchronously; give the last ones time to land.
  await sleep(3_000);
  const orders = await simJson<{ receivedAt: string; path: string; body: unknown }[]>(sim, '/_sim/orders');
  const posts = orders
    .filter((o) => o.path.endsWith('/order') || o.path.endsWith('/orders'))
    .map((o) => ({ at: Date.parse(o.receivedAt), tokens: tokenIdsIn(o.body), used: false }))
    .sort((a, b) => a.at - b.at);
  const toOrder: number[] = [];
  const warmUpToOrder: number[] = [];
  const requestToOrder: number[] = [];
  const timedApprovals: TimedApproval[] = [];
  for (const approval of approvals) {
    const post = posts.find((p) => !p.used && p.tokens.includes(approval.token) && p.at >= Math.floor(approval.requestAt));
    if (!post) continue;
    post.used = true;
    if (approval.warmUp) {
      warmUpToOrder.push(post.at - approval.responseAt);
      continue;
    }
    toOrder.push(post.at - approval.responseAt);
    requestToOrder.push(post.at - approval.requestAt);
    timedApprovals.push({ ...approval, orderAt: post.at, steps: orderPaths.stepsOf(approval.intentId) });
  }
  return {
    changes: opts.changes,
    missed: missedChanges.length,
    missedWhy: await whyMissed(db, missedChanges),
    priceChangeToPending: summarize(toPending),
    priceChangeToCreatedAt: summarize(toCreated),
    changeToVenueFrame: summarize(toVenueFrame),
    venueFrameToPending: summarize(fromVenueFrame),
    priceChangeByCycle: splitByCycleOverlap(timed, opts.cycles()),
    stages: await latencyStages(opts.redisUrl, stack.queuePrefix, timed),
    approvals: approvals.filter((approval) => !approval.warmUp).length,
    ordersMatched: toOrder.length,
    approveToOrder: summarize(toOrder),
    approveRequestToOrder: summarize(requestToOrder),
    approvalStages: await approvalStages(opts.redisUrl, stack.queuePrefix, timedApprovals),
    warmUpApproveToOrder: summarize(warmUpToOrder),
  };
}

/** Risk's decisions on each missed change's target token in its 3 s window, counted. */
async function whyMissed(db: Pool, missed: readonly { startedAt: number; token: string }[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { startedAt, token } of missed) {
    const { rows } = await db.query<{ decision: string; cycle_id: string }>(
      `SELECT decision, cycle_id FROM signals WHERE token_id = $1 AND created_at >= to_timestamp($2 / 1000.0) AND created_at < to_timestamp(($2 + $3) / 1000.0)
        ORDER BY created_at`,
      [token, startedAt, MISS_AFTER_MS],
    );
    // In order, each with where its snapshot came from: a stream update or a cycle's batch.
    const why = rows.length === 0 ? 'no signal' : rows.map((row) => `${row.decision} (${row.cycle_id.includes(':stream:') ? 'stream' : 'cycle'})`).join(' then ');
    counts[why] = (counts[why] ?? 0) + 1;
  }
  return counts;
}

/** Every `tokenId` / `token_id` string anywhere in a posted order body. */
function tokenIdsIn(body: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'tokenId' || key === 'token_id') && typeof inner === 'string') found.push(inner);
        else walk(inner);
      }
    }
  };
  walk(body);
  return found;
}
