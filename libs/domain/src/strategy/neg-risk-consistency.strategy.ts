import { assertEdgeThreshold, formatEdge, formatProb, isTradablePrice, meetsEdgeThreshold } from './edge';
import { negRiskConfidence, negRiskFairValues } from './neg-risk-fair-value';
import type { Signal, Strategy, StrategyInput } from './signal.types';
import { buySignal } from './buy-signal';
import { isOpenForOrders } from './yes-token';

export interface NegRiskConsistencyOptions {
  readonly edgeThreshold: number;
}

/**
 * BUY a neg-risk market's YES token when its normalized fair value (see negRiskFairValues) beats
 * the best ask by at least edgeThreshold. Only markets open for orders are candidates; closed ones
 * still count in the sum of mids.
 */
export class NegRiskConsistencyStrategy implements Strategy {
  readonly name = 'neg_risk_consistency';

  constructor(private readonly options: NegRiskConsistencyOptions) {
    assertEdgeThreshold(this.name, options.edgeThreshold);
  }

  evaluate(input: StrategyInput): Signal[] {
    const signals: Signal[] = [];
    for (const event of input.events) {
      const values = negRiskFairValues(event);
      if (values === null) continue;
      const confidence = negRiskConfidence(values.sumOfMids);
      for (const { market, token, mid, fair } of values.legs) {
        const ask = token.bestAsk;
        if (!isOpenForOrders(market) || !isTradablePrice(ask)) continue;
        const edge = fair - ask;
        if (!meetsEdgeThreshold(edge, this.options.edgeThreshold)) continue;
        signals.push(
          buySignal(this.name, market, token, {
            fair,
            ask,
            confidence,
            reason:
              `Neg-risk consistency: fair ${formatProb(fair)} (mid ${formatProb(mid)} / sum of ${values.legs.length} mids ` +
              `${formatProb(values.sumOfMids)}) vs ask ${formatProb(ask)}, edge ${formatEdge(edge)}`,
          }),
        );
      }
    }
    return signals;
  }
}
