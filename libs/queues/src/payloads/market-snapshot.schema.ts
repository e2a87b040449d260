import { z } from 'zod';

const probability = z.number().finite().min(0).max(1);
const nonNegative = z.number().finite().min(0);

export const tokenQuoteSchema = z.object({
  tokenId: z.string().min(1),
  outcome: z.string(),
  bestBid: probability.nullable(),
  bestAsk: probability.nullable(),
  mid: probability.nullable(),
  spread: z.number().finite().min(0).max(1).nullable(),
  bidDepthUsd: nonNegative,
  askDepthUsd: nonNegative,
  bookTimestamp: z.number().finite().nullable(),
});

export const marketSnapshotSchema = z.object({
  marketId: z.string().min(1),
  conditionId: z.string().min(1),
  question: z.string(),
  slug: z.string(),
  eventId: z.string().nullable(),
  eventSlug: z.string().nullable(),
  negRisk: z.boolean(),
  endDate: z.string().nullable(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  active: z.boolean(),
  closed: z.boolean(),
  acceptingOrders: z.boolean(),
  enableOrderBook: z.boolean(),
  liquidityUsd: nonNegative,
  volume24hUsd: nonNegative,
  tickSize: z.number().finite().positive().max(0.1),
  minOrderSize: nonNegative,
  feeSchedule: z.object({ rate: nonNegative, exponent: z.number().finite(), takerOnly: z.boolean() }).nullable(),
  tokens: z.array(tokenQuoteSchema),
  fetchedAt: z.string().datetime({ offset: true }),
  // Optional so producers that predate them still validate; kept so risk can see a market resolve.
  umaResolutionStatus: z.string().nullable().optional(),
  outcomePrices: z.array(z.number().finite()).nullable().optional(),
});

export const eventSnapshotSchema = z.object({
  eventId: z.string().min(1),
  slug: z.string().nullable(),
  title: z.string().nullable(),
  negRisk: z.boolean(),
  markets: z.array(marketSnapshotSchema),
});

/** Ingestor -> strategy and risk: whole events, so an event's outcomes are always seen together. */
export const snapshotBatchSchema = z.object({
  v: z.literal(1),
  cycleId: z.string().min(1),
  fetchedAt: z.string().datetime({ offset: true }),
  events: z.array(eventSnapshotSchema),
});
export type SnapshotBatchJob = z.infer<typeof snapshotBatchSchema>;
