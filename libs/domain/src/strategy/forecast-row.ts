/** One external probability forecast: for a token, or for a binary market's first ('Yes') outcome. */
export interface Forecast {
  readonly tokenId?: string;
  readonly conditionId?: string;
  readonly probability: number;
}

export interface ForecastParseError {
  /** 1-based: the file line for CSV, the array element for JSON; 0 means the file as a whole. */
  readonly line: number;
  readonly message: string;
}

function idOf(raw: unknown, column: string): string | null | { error: string } {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number') return { error: `${column} must be a string (a JSON number loses the digits of a long id)` };
  if (typeof raw !== 'string') return { error: `${column} must be a string, got ${typeof raw}` };
  const id = raw.trim();
  return id === '' ? null : id;
}

function probabilityOf(raw: unknown): number | { error: string } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { error: 'probability is missing' };
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
  if (!Number.isFinite(value)) return { error: `probability ${JSON.stringify(raw)} is not a number` };
  if (value < 0 || value > 1) return { error: `probability ${value} is outside [0, 1]` };
  return value;
}

/** One row's cells as a Forecast, or a message saying what is wrong with them. */
export function toForecast(tokenRaw: unknown, conditionRaw: unknown, probabilityRaw: unknown): Forecast | { error: string } {
  const tokenId = idOf(tokenRaw, 'token_id');
  const conditionId = idOf(conditionRaw, 'condition_id');
  if (tokenId !== null && typeof tokenId === 'object') return tokenId;
  if (conditionId !== null && typeof conditionId === 'object') return conditionId;
  if (tokenId === null && conditionId === null) return { error: 'needs a token_id or a condition_id' };
  if (tokenId !== null && conditionId !== null) return { error: 'has both token_id and condition_id; give exactly one' };
  const probability = probabilityOf(probabilityRaw);
  if (typeof probability === 'object') return probability;
  return tokenId !== null ? { tokenId, probability } : { conditionId: conditionId as string, probability };
}

export function forecastKey(forecast: Forecast): string {
  return forecast.tokenId !== undefined ? `token_id ${forecast.tokenId}` : `condition_id ${forecast.conditionId ?? ''}`;
}
