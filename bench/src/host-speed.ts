import { Packr } from 'msgpackr';
import { testMarket, testNegRiskEvent } from '@polybot/runtime';
import { median, round } from './stats';

const EVENTS = 1_000;

/** A fixed workload: the same 1,000 two-market events (the test fixtures' snapshots) on every host. */
function fixedBatch(): unknown {
  return { events: Array.from({ length: EVENTS }, (_, e) => testNegRiskEvent(`e${e}`, [testMarket(`${e}-a`), testMarket(`${e}-b`)])) };
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
