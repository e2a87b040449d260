import type { ForecastFormat } from './forecast-parser';

/**
 * The format of a forecast file or URL: by its extension (.json / .csv, ignoring any query string),
 * else by sniffing the content (JSON starts with `[` or `{`; anything else is read as CSV).
 */
export function detectForecastFormat(pathOrUrl: string, content: string): ForecastFormat {
  const path = (pathOrUrl.split(/[?#]/)[0] ?? '').toLowerCase();
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.csv')) return 'csv';
  const first = content.replace(/^\uFEFF/, '').trimStart().charAt(0);
  return first === '[' || first === '{' ? 'json' : 'csv';
}
