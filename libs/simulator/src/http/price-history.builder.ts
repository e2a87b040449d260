import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { Prng } from '../world/seeded.prng';
import type { SimWorld, TokenRef } from '../world/sim-world.state';
import { marketBooks, midMills } from '../world/token-book.builder';
import { BadRequestError } from './bad-request.error';
import { queryInt, queryString } from './query.parse';

const MINUTE = 60;
const INTERVAL_SECONDS: Record<string, number> = {
  '1h': 3_600,
  '6h': 6 * 3_600,
  '1d': 86_400,
  '1w': 7 * 86_400,
  '1m': 30 * 86_400,
  max: 90 * 86_400,
};
const MAX_POINTS = 1_000;

export interface HistoryPoint {
  readonly t: number;
  readonly p: number;
}

/**
 * A plausible past ending at today's mid: a walk backwards, seeded by the token id so the same
 * question gets the same answer.
 */
export function priceHistory(world: SimWorld, ref: TokenRef & { tokenId: string }, query: Request['query']): HistoryPoint[] {
  const nowSec = Math.floor(world.now() / 1000);
  const interval = queryString(query, 'interval');
  if (interval !== undefined && !(interval in INTERVAL_SECONDS)) {
    throw new BadRequestError(`interval must be one of ${Object.keys(INTERVAL_SECONDS).join(', ')}`);
  }
  const endTs = queryInt(query, 'endTs', nowSec);
  const startTs = queryInt(query, 'startTs', endTs - INTERVAL_SECONDS[interval ?? '1d']);
  if (startTs > endTs) throw new BadRequestError('startTs must not be after endTs');
  const fidelitySec = queryInt(query, 'fidelity', 60, 1) * MINUTE;
  const step = Math.max(fidelitySec, Math.ceil((endTs - startTs) / MAX_POINTS));
  const prng = new Prng(parseInt(createHash('sha1').update(ref.tokenId).digest('hex').slice(0, 8), 16));
  const tick = ref.market.tickMills;
  let mills = midMills(marketBooks(ref.market)[ref.outcomeIndex]) ?? 500;
  const points: HistoryPoint[] = [];
  for (let t = endTs; t >= startTs; t -= step) {
    points.push({ t, p: Math.round(mills) / 1000 });
    mills = Math.min(1000 - tick, Math.max(tick, mills + (prng.int(-1, 1) * tick)));
  }
  return points.reverse();
}
