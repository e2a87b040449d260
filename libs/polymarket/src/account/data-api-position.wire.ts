import { z } from 'zod';

/** One row of the Data API's GET /positions. */
export interface DataApiPosition {
  readonly tokenId: string;
  readonly conditionId: string;
  readonly outcome: string;
  readonly outcomeIndex: number | null;
  readonly size: number;
  readonly avgPrice: number;
  readonly currentValue: number | null;
  readonly redeemable: boolean;
  readonly negativeRisk: boolean;
}

const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?(e-?\d+)?$/i).transform(Number)]);

const positionSchema = z.object({
  asset: z.string(),
  conditionId: z.string(),
  size: num,
  avgPrice: num,
  outcome: z.string().optional(),
  outcomeIndex: z.number().int().optional(),
  currentValue: num.optional(),
  redeemable: z.boolean().optional(),
  negativeRisk: z.boolean().optional(),
});

/** Parses the rows it can; a malformed row becomes an issue naming the row and the field. */
export function parseDataApiPositions(body: unknown): { positions: DataApiPosition[]; issues: string[] } {
  if (!Array.isArray(body)) return { positions: [], issues: ['GET /positions: body is not an array'] };
  const positions: DataApiPosition[] = [];
  const issues: string[] = [];
  body.forEach((row, index) => {
    const result = positionSchema.safeParse(row);
    if (!result.success) {
      const issue = result.error.issues[0];
      issues.push(`GET /positions row ${index}: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'is invalid'}`);
      return;
    }
    const p = result.data;
    positions.push({
      tokenId: p.asset, conditionId: p.conditionId, outcome: p.outcome ?? '', outcomeIndex: p.outcomeIndex ?? null, size: p.size, avgPrice: p.avgPrice,
      currentValue: p.currentValue ?? null, redeemable: p.redeemable ?? false, negativeRisk: p.negativeRisk ?? false,
    });
  });
  return { positions, issues };
}
