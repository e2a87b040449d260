import { Packr } from 'msgpackr';
import { median, round } from './stats';

const MARKETS = 2_000;

/** A fixed workload: the same 2,000 market-shaped objects on every host. */
function fixedBatch(): unknown {
  const digits = (n: number, seed: number) => Array.from({ length: n }, (_, i) => String((seed * 31 + i * 7) % 10)).join('');
  return {
    events: Array.from({ length: MARKETS / 2 }, (_, e) => ({
      eventId: String(9_000 + e),
      markets: [0, 1].map((m) => ({
        marketId: String(500_000 + 2 * e + m),
        conditionId: `0x${digits(64, e + m)}`,
        question: `Will outcome ${2 * e + m} happen before the end of the year?`,
        tags: ['politics', 'elections'],
        tokens: ['Yes', 'No'].map((outcome, t) => ({ tokenId: digits(77, e * 4 + m * 2 + t), outcome, bestBid: 0.41 + t / 100, bestAsk: 0.43 + t / 100, bidDepthUsd: 1234.5, askDepthUsd: 2345.25 })),
      })),
    })),
  };
}

/**
 * How fast this host is right now, on work like the pipeline's (JSON and MessagePack round trips
 * of market-shaped objects), in ms, lower is faster. Hosts and even one host within a session have
 * differed by 2x; a run's figures are comparable with another's only in proportion to this.
 */
export function hostSpeedMs(rounds = 16): number {
  const batch = fixedBatch();
  const packr = new Packr({ useRecords: true });
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    JSON.parse(JSON.stringify(batch));
    packr.unpack(packr.pack(batch));
    times.push(performance.now() - started);
  }
  // The first rounds compile the code; what is left measures the host.
  return round(median(times.slice(8)));
}
