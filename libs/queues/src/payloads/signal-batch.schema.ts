import { z } from 'zod';
import { marketSnapshotSchema } from './market-snapshot.schema';

export const signalSchema = z.object({
  strategy: z.string().min(1),
  marketId: z.string().min(1),
  conditionId: z.string().min(1),
  tokenId: z.string().min(1),
  outcome: z.string(),
  side: z.enum(['BUY', 'SELL']),
  modelProb: z.number().finite().min(0).max(1),
  marketPrice: z.number().finite().min(0).max(1),
  edge: z.number().finite(),
  confidence: z.number().finite().min(0).max(1),
  reason: z.string().min(1),
});

/** Strategy -> risk. */
export const signalBatchSchema = z.object({
  v: z.literal(1),
  cycleId: z.string().min(1),
  items: z.array(z.object({ signal: signalSchema, market: marketSnapshotSchema })).min(1),
});
export type SignalBatchJob = z.infer<typeof signalBatchSchema>;
