import { readFile, stat } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { detectForecastFormat, parseForecasts, type Forecast } from '@polybot/domain';
import type { Logger } from '@polybot/observability';
import { LOGGER, SETTINGS } from '@polybot/runtime';

/** How often a forecast URL is fetched again; a file is re-read as soon as it changes. */
const URL_REFRESH_MS = 60_000;
/** One instance, so a caller can tell "same forecasts as last time" by identity. */
const NO_FORECASTS: readonly Forecast[] = Object.freeze([]);

/**
 * Keeps the operator's forecast feed (POLYBOT_FORECASTS, a file path or URL) loaded. Bad rows are
 * logged by line and skipped; a feed that cannot be read keeps the last good forecasts.
 */
@Injectable()
export class ForecastLoader {
  private forecasts: readonly Forecast[] = NO_FORECASTS;
  private version = '';
  private checkedAt = 0;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get source(): string | undefined {
    return this.settings.forecasts;
  }

  /** The same array until new forecasts are loaded. */
  async current(now: number): Promise<readonly Forecast[]> {
    const source = this.source;
    if (!source) return NO_FORECASTS;
    try {
      const isUrl = /^https?:\/\//i.test(source);
      if (isUrl && now - this.checkedAt < URL_REFRESH_MS && this.version) return this.forecasts;
      this.checkedAt = now;
      const version = isUrl ? `url@${now}` : `${(await stat(source)).mtimeMs}`;
      if (!isUrl && version === this.version) return this.forecasts;
      const text = isUrl ? await this.fetchText(source) : await readFile(source, 'utf8');
      this.load(source, text);
      this.version = version;
    } catch (error) {
      this.logger.error({ source, err: error }, `Could not read forecasts from ${source}; keeping the last ${this.forecasts.length}`);
    }
    return this.forecasts;
  }

  private load(source: string, text: string): void {
    const parsed = parseForecasts(text, detectForecastFormat(source, text));
    for (const error of parsed.errors) this.logger.warn({ source, line: error.line }, `Forecast line ${error.line} skipped: ${error.message}`);
    this.forecasts = parsed.forecasts;
    this.logger.info({ source, forecasts: parsed.forecasts.length, bad_rows: parsed.errors.length }, 'Forecasts loaded');
  }

  private async fetchText(url: string): Promise<string> {
    const response = await fetch(url, { signal: AbortSignal.timeout(this.settings.httpTimeoutMs) });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return response.text();
  }
}
