import { type Forecast, type ForecastParseError, forecastKey, toForecast } from './forecast-row';

export type ForecastFormat = 'json' | 'csv';

export interface ParsedForecasts {
  readonly forecasts: Forecast[];
  readonly errors: ForecastParseError[];
}

interface Row {
  readonly line: number;
  readonly result: Forecast | { error: string };
}

/**
 * Parses a forecast feed. Bad rows are reported by line and left out; good rows are kept. A second
 * forecast for the same id is an error (the first one stands), never a silent overwrite.
 *   CSV: a header row naming token_id, condition_id (either may be absent or empty per row) and
 *        probability, in any order; extra columns ignored; blank lines and `#` comments skipped.
 *   JSON: an array of { token_id | condition_id, probability }; line = 1-based element index.
 */
export function parseForecasts(text: string, format: ForecastFormat): ParsedForecasts {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = format === 'json' ? jsonRows(body) : csvRows(body);
  if ('error' in parsed) return { forecasts: [], errors: [parsed.error] };
  const forecasts: Forecast[] = [];
  const errors: ForecastParseError[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, result } of parsed.rows) {
    if ('error' in result) {
      errors.push({ line, message: result.error });
      continue;
    }
    const key = forecastKey(result);
    const first = firstLine.get(key);
    if (first !== undefined) {
      errors.push({ line, message: `duplicate forecast for ${key} (first on line ${first}); ignored` });
      continue;
    }
    firstLine.set(key, line);
    forecasts.push(result);
  }
  return { forecasts, errors };
}

function jsonRows(text: string): { rows: Row[] } | { error: ForecastParseError } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { error: { line: 0, message: `not valid JSON: ${(error as Error).message}` } };
  }
  if (!Array.isArray(data)) return { error: { line: 0, message: 'JSON forecasts must be an array of objects' } };
  const rows = data.map((item: unknown, index): Row => {
    const line = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return { line, result: { error: 'element is not an object' } };
    const record = item as Record<string, unknown>;
    return { line, result: toForecast(record['token_id'], record['condition_id'], record['probability']) };
  });
  return { rows };
}

function cells(line: string): string[] {
  return line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
}

function csvRows(text: string): { rows: Row[] } | { error: ForecastParseError } {
  const lines = text.split(/\r?\n/).map((content, index) => ({ line: index + 1, content: content.trim() }));
  const meaningful = lines.filter(({ content }) => content !== '' && !content.startsWith('#'));
  const [header, ...data] = meaningful;
  if (header === undefined) return { error: { line: 0, message: 'CSV forecasts are empty: expected a header row token_id,condition_id,probability' } };
  const columns = cells(header.content).map((name) => name.toLowerCase());
  const at = (name: string): number => columns.indexOf(name);
  if (at('probability') < 0 || (at('token_id') < 0 && at('condition_id') < 0)) {
    return { error: { line: header.line, message: `header must name probability and token_id or condition_id; got "${header.content}"` } };
  }
  const rows = data.map(({ line, content }): Row => {
    const row = cells(content);
    const cell = (name: string): string | undefined => (at(name) < 0 ? undefined : (row[at(name)] ?? ''));
    return { line, result: toForecast(cell('token_id'), cell('condition_id'), cell('probability')) };
  });
  return { rows };
}
