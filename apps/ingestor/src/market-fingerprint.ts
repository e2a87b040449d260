import type { MarketSnapshot } from '@polybot/domain';

// Each number is hashed by its 64 bits, read through this view.
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/** null never collides with a price or a depth: both are >= 0. */
const NULL = -1;

/** Two independent 32-bit multiply-xorshift hashes, fed the same words. */
class PairHash {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;

  add(value: number | boolean | null): void {
    scratch[0] = value === null ? NULL : Number(value);
    for (const word of words) {
      this.a = Math.imul(this.a ^ word, 0x5bd1e995);
      this.a ^= this.a >>> 15;
      this.b = Math.imul(this.b ^ word, 0x27d4eb2d);
      this.b ^= this.b >>> 13;
    }
  }

  /** 53 bits, so it is an exact double: a false match (a real change not queued) has odds of about 1 in 10^16. */
  value(): number {
    return (this.a >>> 0) * 2 ** 21 + ((this.b >>> 0) >>> 11);
  }
}

/**
 * What strategy and risk would act on in a market, as one number: a stream update whose markets all
 * keep their fingerprint is not queued. A number rather than a string of the fields, because the
 * ingestor keeps one per market of the universe (25,000 at full scale).
 */
export function marketFingerprint(market: MarketSnapshot): number {
  const hash = new PairHash();
  hash.add(market.closed);
  hash.add(market.acceptingOrders);
  hash.add(market.tickSize);
  hash.add(market.tokens.length);
  for (const token of market.tokens) {
    hash.add(token.bestBid);
    hash.add(token.bestAsk);
    hash.add(token.bidDepthUsd);
    hash.add(token.askDepthUsd);
  }
  return hash.value();
}
