/** A half-open period [since, until) a report covers. */
export interface ReportWindow {
  readonly since: Date;
  readonly until: Date;
}

export class InvalidReportWindowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReportWindowError';
  }
}

/** "Today" is the UTC day: from 00:00 UTC to now, whatever the machine's time zone. */
export function todayUtc(now: Date): ReportWindow {
  return { since: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())), until: now };
}

function parseInstant(label: string, text: string): Date {
  // ISO-8601 only: Date.parse also takes "March 3" and the like, which hides typos.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) {
    throw new InvalidReportWindowError(`${label} must be an ISO-8601 date or time (e.g. 2026-11-27 or 2026-11-27T00:00:00Z), got "${text}"`);
  }
  const at = new Date(text.trim());
  if (Number.isNaN(at.getTime())) throw new InvalidReportWindowError(`${label} is not a valid date: "${text}"`);
  return at;
}

/** The window from optional `since`/`until` texts: defaults to today UTC; a bare date is that day's 00:00 UTC. */
export function reportWindowFrom(texts: { since?: string; until?: string }, now: Date): ReportWindow {
  const today = todayUtc(now);
  const since = texts.since === undefined ? today.since : parseInstant('since', texts.since);
  const until = texts.until === undefined ? now : parseInstant('until', texts.until);
  if (!(since.getTime() < until.getTime())) {
    throw new InvalidReportWindowError(`since (${since.toISOString()}) must be before until (${until.toISOString()})`);
  }
  return { since, until };
}
