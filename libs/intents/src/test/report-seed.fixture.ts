import { randomUUID } from 'node:crypto';
import type { Fill, Intent } from '@polybot/domain';
import type { IntentRepository, NewIntent } from '@polybot/persistence';

/** A PENDING proposal on a fresh token, created at `createdAt` and open for a day. */
export async function seedIntent(intents: IntentRepository, createdAt: Date, overrides: Partial<NewIntent> = {}): Promise<Intent> {
  const intent = await intents.createPending(
    {
      type: 'OPEN_POSITION', marketId: 'm-1', conditionId: '0xcond-m-1', tokenId: `token-${randomUUID()}`, outcome: 'Yes', side: 'BUY',
      price: 0.4, sizeUsd: 40, edge: 0.05, modelProb: 0.45, marketPrice: 0.4, confidence: 0.8, reason: 'test', strategy: 'test',
      createdAt, expiresAt: new Date(createdAt.getTime() + 86_400_000), ...overrides,
    },
    [],
    { actor: 'test' },
  );
  if (!intent) throw new Error('seed intent was not created');
  return intent;
}

/** A paper trade fill on one of testMarket(marketId)'s tokens. */
export function tradeFill(intentId: string, marketId: string, side: Fill['side'], shares: number, price: number, feeUsd: number, at: Date, category: string | null = null): Fill {
  return {
    intentId, kind: 'TRADE', tokenId: `${marketId}-yes`, marketId, conditionId: `0xcond-${marketId}`, outcome: 'Yes', category,
    side, price, shares, feeUsd, at,
  };
}
