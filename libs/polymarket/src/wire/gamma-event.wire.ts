import type { GammaEvent, GammaMarket } from '../gamma.types';
import { optionalList, readOrRefusal, WireFieldError, wireRecord } from './field-guards';
import { type GammaEventHead, readEventHead } from './gamma-event-ref.wire';
import { parseGammaMarket } from './gamma-market.wire';
import { isParseIssue, itemLabel, parsed, parseIssue, type ParseResult } from './parse-result';
import { parseTagLabels } from './wire-primitives';

export interface GammaEventWire extends GammaEventHead {
  readonly markets?: readonly unknown[] | null;
  readonly tags?: unknown;
}

/** How an event's parts are read; replaceable so the fuzz spec can run the zod readers they replaced. */
const GAMMA_EVENT_PARTS = { market: parseGammaMarket, tagLabels: parseTagLabels };

function readGammaEvent(raw: unknown): GammaEventWire {
  const record = wireRecord(raw);
  return { ...readEventHead(record), tags: record.tags, markets: optionalList(record, 'markets') };
}

/** A malformed market is skipped with its message in `warnings`; the event keeps the rest. */
export function assembleGammaEvent(wire: GammaEventWire, label: string, parts = GAMMA_EVENT_PARTS): ParseResult<GammaEvent> {
  const warnings: string[] = [];
  const markets: GammaMarket[] = [];
  (wire.markets ?? []).forEach((rawMarket, marketIndex) => {
    const market = parts.market(rawMarket, marketIndex);
    if (isParseIssue(market)) {
      warnings.push(`${label}: skipped ${market.issue}`);
      return;
    }
    warnings.push(...market.warnings);
    markets.push(market.value);
  });
  const tags = parts.tagLabels(wire.tags, label, warnings);
  return parsed({ id: wire.id, slug: wire.slug, title: wire.title, negRisk: wire.negRisk, tags, markets }, warnings);
}

/** Parses one Gamma event; only a malformed event envelope makes the whole event an issue. */
export function parseGammaEvent(raw: unknown, index?: number): ParseResult<GammaEvent> {
  const label = itemLabel('gamma event', raw, index);
  const wire = readOrRefusal(() => readGammaEvent(raw));
  if (wire instanceof WireFieldError) return parseIssue(`${label}: ${wire.message}`);
  return assembleGammaEvent(wire, label);
}
