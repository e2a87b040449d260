import { z } from 'zod';
import type { GammaEvent, GammaMarket } from '../gamma.types';
import { describeZodError, isParseIssue, itemLabel, parsed, parseIssue, type ParseResult, wireErrorMap } from './parse-result';
import { parseGammaMarket } from './gamma-market.wire';
import { flag, idString, optionalText, parseTagLabels } from './wire-primitives';

export const gammaEventSchema = z.object({
  id: idString,
  slug: optionalText,
  title: optionalText,
  negRisk: flag,
  tags: z.unknown(),
  markets: z.array(z.unknown()).nullish(),
});

/**
 * Parses one Gamma event. A malformed market inside it is skipped and its message returned in
 * `warnings`; only a malformed event envelope makes the whole event an issue.
 */
export function parseGammaEvent(raw: unknown, index?: number): ParseResult<GammaEvent> {
  const label = itemLabel('gamma event', raw, index);
  const result = gammaEventSchema.safeParse(raw, { errorMap: wireErrorMap });
  if (!result.success) return parseIssue(`${label}: ${describeZodError(result.error)}`);
  const wire = result.data;
  const warnings: string[] = [];
  const markets: GammaMarket[] = [];
  (wire.markets ?? []).forEach((rawMarket, marketIndex) => {
    const market = parseGammaMarket(rawMarket, marketIndex);
    if (isParseIssue(market)) {
      warnings.push(`${label}: skipped ${market.issue}`);
      return;
    }
    warnings.push(...market.warnings);
    markets.push(market.value);
  });
  return parsed(
    { id: wire.id, slug: wire.slug, title: wire.title, negRisk: wire.negRisk, tags: parseTagLabels(wire.tags, label, warnings), markets },
    warnings,
  );
}
