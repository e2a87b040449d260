import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { SETTINGS } from '@polybot/runtime';
import { scrubSecrets } from '@polybot/observability';
import { DataSource } from 'typeorm';
import { RedisProbe } from './redis-probe';
import { withDeadline } from '@polybot/queues';

const PROBE_TIMEOUT_MS = 2000;

export type CheckResult = 'ok' | `error: ${string}`;

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { postgres: CheckResult; redis: CheckResult; venue: CheckResult };
}

/**
 * Can this API reach what it needs: Postgres (every intent action) and Redis (the approval queue)
 * decide the status. The venue (the CLOB's clock endpoint) is reported too, but does not make the
 * API unhealthy: reading and deciding intents work without it, and the kill switches watch it.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async check(): Promise<HealthReport> {
    const [postgres, redis, venue] = await Promise.all([
      probe(async () => {
        await this.dataSource.query('SELECT 1');
      }, 'PostgreSQL'),
      probe(() => this.redis.ping(), 'Redis'),
      probe(() => this.venueAnswers(), 'the venue'),
    ]);
    return { status: postgres === 'ok' && redis === 'ok' ? 'ok' : 'degraded', checks: { postgres, redis, venue } };
  }

  private async venueAnswers(): Promise<void> {
    const response = await fetch(`${this.settings.clobApiUrl}/time`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`the CLOB answered HTTP ${response.status}`);
  }
}

async function probe(work: () => Promise<void>, what: string): Promise<CheckResult> {
  try {
    await withDeadline(work(), PROBE_TIMEOUT_MS, what);
    return 'ok';
  } catch (error) {
    return `error: ${scrubSecrets(error instanceof Error ? error.message : String(error))}`;
  }
}
