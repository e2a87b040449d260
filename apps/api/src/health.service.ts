import { Injectable } from '@nestjs/common';
import { scrubSecrets } from '@polybot/observability';
import { DataSource } from 'typeorm';
import { RedisProbe } from './redis-probe';
import { withDeadline } from '@polybot/queues';

const PROBE_TIMEOUT_MS = 2000;

export type CheckResult = 'ok' | `error: ${string}`;

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { postgres: CheckResult; redis: CheckResult };
}

/** Can this API reach what it needs: Postgres (every intent action) and Redis (the approval queue). */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
  ) {}

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      probe(async () => {
        await this.dataSource.query('SELECT 1');
      }, 'PostgreSQL'),
      probe(() => this.redis.ping(), 'Redis'),
    ]);
    return { status: postgres === 'ok' && redis === 'ok' ? 'ok' : 'degraded', checks: { postgres, redis } };
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
