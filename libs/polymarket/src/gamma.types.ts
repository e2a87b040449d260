import type { FeeSchedule } from '@polybot/domain';

/** One outcome token of a Gamma market: `clobTokenIds[i]` paired with `outcomes[i]`. */
export interface GammaToken {
  readonly tokenId: string;
  readonly outcome: string;
}

/** The event a market belongs to, as Gamma nests it under `/markets` items (`events[0]`). */
export interface GammaEventRef {
  readonly id: string;
  readonly slug: string | null;
  readonly title: string | null;
  readonly negRisk: boolean;
  readonly tags: readonly string[];
}

/** A Gamma market, decoded (JSON-in-strings unpacked, decimal strings turned into numbers). */
export interface GammaMarket {
  readonly id: string;
  readonly question: string;
  readonly conditionId: string;
  readonly slug: string;
  readonly endDate: string | null;
  readonly tokens: readonly GammaToken[];
  /** Gamma's indicative prices per outcome (same order as `tokens`); null when not sent. */
  readonly outcomePrices: readonly number[] | null;
  readonly negRisk: boolean;
  readonly category: string | null;
  /** Tag labels Gamma attached to the market itself or to its `events[]`. */
  readonly tags: readonly string[];
  /** Set for markets from `/markets`; markets nested in an `/events` item get their event from it. */
  readonly event: GammaEventRef | null;
  readonly liquidityNum: number;
  readonly volume24hr: number;
  /** `orderPriceMinTickSize`; null when Gamma does not say. */
  readonly tickSize: number | null;
  readonly orderMinSize: number | null;
  readonly acceptingOrders: boolean;
  readonly enableOrderBook: boolean;
  readonly active: boolean;
  readonly closed: boolean;
  /** Null when fees are disabled or no schedule is published. */
  readonly feeSchedule: FeeSchedule | null;
  readonly umaResolutionStatus: string | null;
}

export interface GammaEvent {
  readonly id: string;
  readonly slug: string | null;
  readonly title: string | null;
  readonly negRisk: boolean;
  readonly tags: readonly string[];
  readonly markets: readonly GammaMarket[];
}
