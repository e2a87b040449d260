import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@polybot/runtime';
import { DataSource } from 'typeorm';

/** Age of the newest stored market row: how stale what the pipeline last saw is (null before any data). */
@Injectable()
export class MarketDataAgeQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async ageSeconds(): Promise<number | null> {
    const rows: { newest: Date | null }[] = await this.dataSource.query('SELECT max(updated_at) AS newest FROM markets');
    const newest = rows[0]?.newest ?? null;
    return newest === null ? null : Math.max(0, Math.round((this.clock() - newest.getTime()) / 1000));
  }
}
