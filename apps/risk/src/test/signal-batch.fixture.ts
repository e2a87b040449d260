import { randomUUID } from 'node:crypto';
import type { MarketSnapshot, Signal } from '@polybot/domain';
import { parsePayload, QueueName, type SignalBatchJob } from '@polybot/queues';

/** A BUY signal with a 7-point edge on a token of the market (the first unless told). */
export function signalOn(market: MarketSnapshot, token = market.tokens[0]): Signal {
  return {
    strategy: 'neg_risk_consistency',
    marketId: market.marketId,
    conditionId: market.conditionId,
    tokenId: token.tokenId,
    outcome: token.outcome,
    side: 'BUY',
    modelProb: 0.58,
    marketPrice: 0.51,
    edge: 0.07,
    confidence: 0.9,
    reason: 'fair 0.58 vs ask 0.51',
  };
}

/** The job as the worker receives it (validated by the queue's schema), one signal per market. */
export function batchOf(...markets: MarketSnapshot[]): SignalBatchJob {
  return parsePayload(QueueName.Signals, { v: 1, cycleId: randomUUID(), items: markets.map((market) => ({ signal: signalOn(market), market })) });
}
