import type { GammaEventRef } from '../gamma.types';
import { flag, idText, readOrRefusal, textOrNone, WireFieldError, wireRecord, type WireRecord } from './field-guards';
import { parseTagLabels } from './wire-primitives';

/** The fields an `/events` item shares with the `events[0]` nested under a market. */
export interface GammaEventHead {
  readonly id: string;
  readonly slug: string | null;
  readonly title: string | null;
  readonly negRisk: boolean;
}

export function readEventHead(record: WireRecord): GammaEventHead {
  return { id: idText(record, 'id'), slug: textOrNone(record, 'slug'), title: textOrNone(record, 'title'), negRisk: flag(record, 'negRisk') };
}

/** A market's event is decoration too: a malformed one is dropped with a warning, the market kept. */
export function parseEventRef(raw: unknown, owner: string, warnings: string[]): GammaEventRef | null {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const first: unknown = raw[0];
  const head = readOrRefusal(() => readEventHead(wireRecord(first)));
  if (head instanceof WireFieldError) {
    warnings.push(`${owner}: events[0] ${head.message}; market treated as having no event`);
    return null;
  }
  return { ...head, tags: parseTagLabels((first as WireRecord).tags, `${owner} events[0]`, warnings) };
}
